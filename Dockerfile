# saavu with Debian's Chromium, for monitoring runs in containers
# (Kubernetes Jobs, CI): see docs/scale.md.
#
#   docker build -t saavu .
#   docker run --rm -v "$PWD/out:/work" saavu crawl --demo -o html=report.html
#
# The Go version follows go.mod's go line; the build argument VERSION is
# what `saavu version` says (as goreleaser's -X).

FROM golang:1.26.8-trixie AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath \
	-ldflags "-s -w -X saavu/internal/build.Version=${VERSION}" \
	-o /out/saavu .

FROM debian:trixie-slim
# chromium: the browser saavu audits in. fonts-dejavu-core and
# fonts-liberation: text in Finnish and Swedish (å, ä, ö) renders with real
# glyphs, and Liberation has the metrics of Arial, Times and Courier, so
# that text is laid out as on the sites' intended fonts (contrast, reflow
# and text spacing depend on it). ca-certificates: saavu's own requests
# (robots.txt, sitemaps, documents) over HTTPS.
RUN apt-get update \
	&& apt-get install -y --no-install-recommends chromium fonts-dejavu-core fonts-liberation ca-certificates \
	&& rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 --user-group saavu \
	&& mkdir /work && chown saavu:saavu /work
COPY --from=build /out/saavu /usr/local/bin/saavu

# Chrome's sandbox needs user namespaces (or a setuid helper), which Docker's
# and Kubernetes' default seccomp profiles do not allow a process in a
# container to create: with the sandbox on, Chrome stops with "No usable
# sandbox!". The container is the boundary instead: saavu and Chrome run as
# an unprivileged user that owns nothing but /work. Where the runtime does
# allow user namespaces (docker run --security-opt seccomp=… with Chrome's
# profile, or a Kubernetes node that permits them), run with
# SAAVU_NO_SANDBOX=0 to keep the sandbox.
ENV SAAVU_NO_SANDBOX=1 \
	SAAVU_CHROME=/usr/bin/chromium
USER 10001:10001
WORKDIR /work
ENTRYPOINT ["saavu"]
CMD ["--help"]
