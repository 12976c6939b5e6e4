#!/bin/sh
# Benchmark: a generated municipal site served on 127.0.0.1, measured in one
# run, side by side:
#   (a) the floor: Chromium merely loading every page with the same number of
#       tabs, no checks (bench/floor);
#   (b) saavu crawl auditing every page;
#   (c) saavu crawl --since (b)'s results, on the unchanged site: pages
#       whose render hash is unchanged keep (b)'s results (docs/crawl.md).
# Prints pages/s of each, their ratio, the peak resident memory of saavu
# plus its Chromium processes, and the machine's load average before and
# after (the figures mean little on a busy machine).
#
# What each waits for: the floor moves on at each page's load event. saavu
# then waits until no request has been in flight for 150 ms (scripts that
# fetch content after load; at most 2 s), captures the DOM and the
# accessibility tree, walks the page with Tab, and photographs the
# elements the rules reported. On the generated site the wait after load
# is its minimum, 150 ms (saavu check --debug logs "loaded ... quiet=").
#
#   bench/crawl.sh [PAGES] [TABS]      (defaults: 200 pages, 2 tabs)
#
# Needs python3 and the generator in ../shared/bench (beside the checkout).
set -eu
pages=${1:-200}
tabs=${2:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
gen="$root/../shared/bench"
[ -f "$gen/gen.py" ] || { echo "bench: $gen/gen.py not found (the generator lives in ../shared/bench)" >&2; exit 2; }
"$root/scripts/ensure-chromium"
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
python3 "$gen/gen.py" --pages "$pages" --out "$work/site" --base-url "$base" >&2
(cd "$root" && go build -o "$work/saavu" . && go build -o "$work/floor" ./bench/floor && go build -o "$work/serve" "$gen/serve.go")
"$work/serve" -port "$port" -root "$work/site" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT INT TERM
for i in 1 2 3 4 5 6 7 8 9 10; do curl -fs -o /dev/null "$base/" && break; sleep 0.5; done

# peak_rss PID: the peak, in MiB, of the summed RSS of PID and its descendants.
peak_rss() {
	peak=0
	# (a finished child stays a zombie until waited for: stop at state Z)
	while [ -e "/proc/$1" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; do
		pids=$(ps -e -o pid=,ppid= | awk -v root="$1" '
			{ parent[$1]=$2 } END {
				for (p in parent) { q=p; while (q != "" && q != 0 && q != 1) { if (q == root) { print p; break } q=parent[q] } } }')
		kb=0
		for p in $pids; do
			r=$(awk '/^VmRSS/ {print $2}' /proc/$p/status 2>/dev/null || echo 0)
			kb=$((kb + ${r:-0}))
		done
		[ "$kb" -gt "$peak" ] && peak=$kb
		sleep 0.5
	done
	echo $((peak / 1024))
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
start=$(date +%s.%N)
"$work/floor" -urls "$work/site/urls.txt" -tabs "$tabs" > "$work/floor.out" &
floorpid=$!
floorpeak=$(peak_rss $floorpid)
wait $floorpid || true
floor_s=$(python3 -c "import time; print(time.time() - $start)")

start=$(date +%s.%N)
"$work/saavu" crawl -q --state "$work/state" --max-pages "$pages" --concurrency "$tabs" --rate 0 -o json="$work/report.json" "$base/" >/dev/null &
saavupid=$!
saavupeak=$(peak_rss $saavupid)
wait $saavupid || true
saavu_s=$(python3 -c "import time; print(time.time() - $start)")

start=$(date +%s.%N)
"$work/saavu" crawl --state "$work/state2" --since "$work/report.json" --max-pages "$pages" --concurrency "$tabs" --rate 0 -o json="$work/since.json" "$base/" >/dev/null 2>"$work/since.err" || true
since_s=$(python3 -c "import time; print(time.time() - $start)")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
audited=$(python3 -c "import json; r=json.load(open('$work/report.json')); print(r['summary']['audited'])")
reused=$(python3 -c "import json; r=json.load(open('$work/since.json')); print(sum(1 for p in r['pages'] if p.get('reused')), sum(1 for p in r['pages'] if not p.get('error')))")
grep '^saavu: reused\|^saavu: --since' "$work/since.err" >&2 || true

python3 - "$pages" "$floor_s" "$audited" "$saavu_s" "$floorpeak" "$saavupeak" "$tabs" "$load_before" "$load_after" "$since_s" $reused <<'PY'
import sys
pages, floor_s, audited, saavu_s, fpeak, speak, tabs, lb, la, since_s, reused, loaded = sys.argv[1:]
fps = int(pages) / float(floor_s)
sps = int(audited) / float(saavu_s)
print(f"site: {pages} pages, {tabs} tabs")
print(f"floor (load only): {float(floor_s):6.1f}s  {fps:5.2f} pages/s  peak RSS {fpeak} MiB")
print(f"saavu crawl:       {float(saavu_s):6.1f}s  {sps:5.2f} pages/s  peak RSS {speak} MiB  ({audited} pages audited)")
print(f"saavu / floor: {sps / fps * 100:.0f}% of the floor's pages/s")
rps = int(loaded) / float(since_s)
print(f"saavu --since:     {float(since_s):6.1f}s  {rps:5.2f} pages/s  (reused {reused} of {loaded} pages)")
print(f"--since / floor: {rps / fps * 100:.0f}% of the floor's pages/s")
print(f"load average (1, 5, 15 min): {lb} before, {la} after")
PY
