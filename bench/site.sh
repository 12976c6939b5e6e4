# Sourced by the bench scripts, after `set -eu` and root= (the checkout):
# checks that the site generator is there (../shared/bench, beside the
# checkout), makes sure of Chromium, and makes $work, removed on exit with
# the site's server stopped and bench_cleanup run first (a no-op; a script
# may define its own after sourcing this). serve_site PAGES generates a
# municipal site of PAGES pages into $work/site and serves it at $base.
gen="$root/../shared/bench"
[ -f "$gen/gen.py" ] || { echo "bench: $gen/gen.py not found (the generator lives in ../shared/bench)" >&2; exit 2; }
"$root/scripts/ensure-chromium"
work=$(mktemp -d)
server=
bench_cleanup() { :; }
trap 'if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi; bench_cleanup; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

serve_site() {
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	base="http://127.0.0.1:$port"
	python3 "$gen/gen.py" --pages "$1" --out "$work/site" --base-url "$base" >&2
	(cd "$root" && go build -o "$work/serve" "$gen/serve.go")
	"$work/serve" -port "$port" -root "$work/site" >/dev/null 2>&1 &
	server=$!
	for i in 1 2 3 4 5 6 7 8 9 10; do curl -fs -o /dev/null "$base/" && break; sleep 0.5; done
}
