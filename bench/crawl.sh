#!/bin/sh
# Benchmark: a generated municipal site served on 127.0.0.1, measured in one
# run, side by side:
#   (a) the floor: Chromium merely loading every page with the same number of
#       tabs, no checks (bench/floor);
#   (b) saavu crawl auditing every page;
#   (c) saavu crawl --since (b)'s results, on the unchanged site: pages
#       whose render hash is unchanged keep (b)'s results (docs/crawl.md);
#       once with the same number of tabs, once with twice as many (a
#       reused page mostly waits for the quiet after its load);
#   (d) saavu crawl --profile quick: no live-page probes, no screenshots
#       (docs/ci.md).
# Prints one table: wall seconds, pages/s, CPU-seconds per page and peak
# resident memory of each run, and the machine's load average before and
# after (the figures mean little on a busy machine).
#
# How: bench/measure.py runs each command as a child subreaper and waits for
# every process it started, Chromium's included (orphans too), so the CPU
# time is the whole tree's (RUSAGE_CHILDREN); the peak memory is the peak of
# the tree's summed RSS (shared pages counted in every process: an upper
# bound) and of its summed PSS (shared pages split), sampled every 0.25 s. "machine CPU/page" is
# the whole machine's busy CPU time over the run (/proc/stat) per page: an
# upper bound, other work on the machine included; a check on the first.
#
# What each waits for: the floor moves on at each page's load event. saavu
# then waits until no request has been in flight for 150 ms (scripts that
# fetch content after load; at most 2 s), captures the DOM and the
# accessibility tree, walks the page with Tab, and photographs the
# elements the rules reported. On the generated site the wait after load
# is its minimum, 150 ms (saavu check --debug logs "loaded ... quiet=");
# a --since run first looks after 50 ms and goes no further for a page
# found unchanged.
#
#   bench/crawl.sh [PAGES] [TABS]      (defaults: 200 pages, 2 tabs)
#   bench/crawl.sh --memory [SMALL] [LARGE] [TABS]
#                                      (defaults: 200, 2000 pages, 2 tabs)
#
# --memory: is memory flat in the number of pages? Generates a site of
# LARGE pages, crawls it twice (--max-pages SMALL, then LARGE; every URL is
# in the sitemap, so both runs know the same queue from the start) and
# prints the ratios of the peak memory (summed RSS, and PSS) of saavu plus
# Chromium; the bar is 1.2.
#
# Needs python3 and the generator in ../shared/bench (beside the checkout).
set -eu
memory=false
if [ "${1:-}" = --memory ]; then
	memory=true
	small=${2:-200}
	pages=${3:-2000}
	tabs=${4:-2}
else
	pages=${1:-200}
	tabs=${2:-2}
fi
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/site.sh"
serve_site "$pages"
(cd "$root" && go build -o "$work/saavu" . && go build -o "$work/floor" ./bench/floor)

# measure NAME CMD...: run CMD under bench/measure.py; $work/NAME.m gets
# "wall user sys peakRSS peakPSS machineBusy exit" (MiB, seconds).
measure() {
	name=$1
	shift
	python3 "$root/bench/measure.py" "$work/$name.m" "$@"
}

# pagesin JSON: the pages of a results file that were loaded (no error).
pagesin() {
	python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(sum(1 for p in r['pages'] if not p.get('error')))" "$1"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)

if $memory; then
	for n in "$small" "$pages"; do
		measure "crawl$n" "$work/saavu" crawl -q --state "$work/state$n" --max-pages "$n" --concurrency "$tabs" --rate 0 -o json="$work/crawl$n.json" "$base/" >/dev/null
	done
	load_after=$(cut -d' ' -f1-3 /proc/loadavg)
	python3 - "$work" "$small" "$pages" "$tabs" "$load_before" "$load_after" <<'PY'
import json, sys
work, small, large, tabs, lb, la = sys.argv[1:]
rows = []
for n in (small, large):
    wall, user, sys_, rss, pss, busy, rc = open(f"{work}/crawl{n}.m").read().split()
    r = json.load(open(f"{work}/crawl{n}.json"))
    audited = r["summary"]["audited"]
    rows.append((n, float(wall), audited, (float(user) + float(sys_)) / max(audited, 1), int(rss), int(pss), rc))
print(f"memory flatness: saavu crawl --max-pages {small} and {large} of one {large}-page site, {tabs} tabs")
print("| --max-pages | Wall s | Pages audited | Pages/s | CPU-s/page | Peak RSS MiB (summed) | Peak PSS MiB |")
print("|---|---|---|---|---|---|---|")
for n, wall, audited, cpp, rss, pss, rc in rows:
    print(f"| {n} | {wall:.1f} | {audited} | {audited / wall:.2f} | {cpp:.3f} | {rss} | {pss} |" + ("" if rc in ("0", "1") else f" exit {rc}"))
for i, what in ((4, "RSS"), (5, "PSS")):
    ratio = rows[1][i] / rows[0][i]
    print(f"peak {what} {large} / {small} pages: {ratio:.2f} ({'within' if ratio <= 1.2 else 'over'} the bar of 1.2)")
print(f"load average (1, 5, 15 min): {lb} before, {la} after")
PY
	exit 0
fi

measure floor "$work/floor" -urls "$work/site/urls.txt" -tabs "$tabs" >"$work/floor.out"
measure crawl "$work/saavu" crawl -q --state "$work/state" --max-pages "$pages" --concurrency "$tabs" --rate 0 -o json="$work/crawl.json" "$base/" >/dev/null
measure since "$work/saavu" crawl --state "$work/state2" --since "$work/crawl.json" --max-pages "$pages" --concurrency "$tabs" --rate 0 -o json="$work/since.json" "$base/" >/dev/null 2>"$work/since.err"
measure since2 "$work/saavu" crawl --state "$work/state4" --since "$work/crawl.json" --max-pages "$pages" --concurrency "$((tabs * 2))" --rate 0 -o json="$work/since2.json" "$base/" >/dev/null 2>"$work/since2.err"
measure quick "$work/saavu" crawl -q --profile quick --state "$work/state3" --max-pages "$pages" --concurrency "$tabs" --rate 0 -o json="$work/quick.json" "$base/" >/dev/null
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
grep '^saavu: reused\|^saavu: --since' "$work/since.err" "$work/since2.err" >&2 || true
reused() { python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(sum(1 for p in r['pages'] if p.get('reused')))" "$1"; }

python3 - "$work" "$pages" "$tabs" "$load_before" "$load_after" "$(reused "$work/since.json")" "$(reused "$work/since2.json")" \
	"$pages" "$(pagesin "$work/crawl.json")" "$(pagesin "$work/since.json")" "$(pagesin "$work/since2.json")" "$(pagesin "$work/quick.json")" <<'PY'
import sys
work, pages, tabs, lb, la, reused, reused2 = sys.argv[1:8]
counts = [int(x) for x in sys.argv[8:]]
names = [("floor", "floor (Chromium loading each page, no checks)"),
         ("crawl", "`saavu crawl` (first audit)"),
         ("since", f"`saavu crawl --since` the first, site unchanged (reused {reused})"),
         ("since2", f"the same with {int(tabs) * 2} tabs (reused {reused2})"),
         ("quick", "`saavu crawl --profile quick`")]
print(f"site: {pages} pages, {tabs} tabs")
print("| Run | Wall s | Pages | Pages/s | Of the floor | CPU-s/page | Machine CPU-s/page | Peak RSS MiB (summed) | Peak PSS MiB |")
print("|---|---|---|---|---|---|---|---|---|")
fps = None
for (key, label), n in zip(names, counts):
    wall, user, sys_, rss, pss, busy, rc = open(f"{work}/{key}.m").read().split()
    wall = float(wall)
    pps = n / wall
    fps = fps or pps
    cpu = float(user) + float(sys_)
    note = "" if rc in ("0", "1") else f" (exit {rc})"  # saavu's 1: failures found
    print(f"| {label}{note} | {wall:.1f} | {n} | {pps:.2f} | {pps / fps * 100:.0f}% | {cpu / n:.3f} | {float(busy) / n:.3f} | {rss} | {pss} |")
print(f"load average (1, 5, 15 min): {lb} before, {la} after")
PY
