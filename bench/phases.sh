#!/bin/sh
# Benchmark: where a page's time and CPU go. Audits a generated municipal
# site of PAGES pages (default 40) with one tab and sums, per step of the
# audit, the wall time and the CPU time (saavu's and its Chrome's whole
# process tree: what the debug log's cpu= says, browser/cpu.go) per page:
# loading, the DOM snapshot, the render hash, the accessibility tree, each
# live probe, the rules and the screenshots. With one tab the CPU across a
# step is that step's, whatever else the machine does; the wall times are
# only fair on an idle machine. The last line compares the steps' sum with
# the whole run's CPU (bench/measure.py): the rest is work between steps
# (the crawl's own, Chrome's housekeeping).
#
#   bench/phases.sh [PAGES] [-- SAAVU-FLAGS...]
#
# Needs python3 and the generator in ../shared/bench (beside the checkout).
set -eu
pages=40
if [ $# -gt 0 ] && [ "$1" != -- ]; then pages=$1; shift; fi
[ "${1:-}" = -- ] && shift
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/site.sh"
serve_site "$pages"
(cd "$root" && go build -o "$work/saavu" .)
python3 "$root/bench/measure.py" "$work/run.m" "$work/saavu" crawl -q --log-level debug --state "$work/state" \
	--max-pages "$pages" --concurrency 1 --rate 0 -o json="$work/crawl.json" "$@" "$base/" >/dev/null 2>"$work/log" || true
python3 - "$work/log" "$work/run.m" "$work/crawl.json" <<'PY'
import json, re, shlex, sys
log, m, res = sys.argv[1:]
pages = sum(1 for p in json.load(open(res))["pages"] if not p.get("error") and not p.get("document"))
def ms(v):
    v = v.strip('"')
    for unit, f in (("ms", 1), ("µs", 1e-3), ("ns", 1e-6), ("s", 1000)):
        if v.endswith(unit):
            try:
                return float(v[:-len(unit)]) * f
            except ValueError:
                break
    # 1m2.5s
    mm = re.fullmatch(r"(\d+)m([\d.]+)s", v)
    return (int(mm[1]) * 60 + float(mm[2])) * 1000 if mm else 0.0
steps = {}  # name -> [wall ms, cpu ms]
order = []
def add(name, wall, cpu):
    if name not in steps:
        steps[name] = [0.0, 0.0]
        order.append(name)
    steps[name][0] += wall
    steps[name][1] += cpu
for line in open(log):
    try:
        kv = dict(t.split("=", 1) for t in shlex.split(line) if "=" in t)
    except ValueError:
        continue
    msg = kv.get("msg")
    if msg == "loaded":
        add("load", ms(kv["load event"]), ms(kv.get("cpu", "0")) - ms(kv.get("cpu quiet", "0")))
        add("quiet after load", ms(kv["quiet"]), ms(kv.get("cpu quiet", "0")))
    elif msg == "capture steps":
        for s in ("size", "snapshot", "hash", "ax", "model"):
            add(s, ms(kv[s]), ms(kv.get("cpu " + s, "0")))
    elif msg == "probe":
        add("probe " + kv["id"], ms(kv["took"]), ms(kv.get("cpu", "0")))
    elif msg == "rules":
        add("rules", ms(kv["took"]), ms(kv.get("cpu", "0")))
    elif msg == "screenshots":
        add("screenshots", ms(kv["took"]), ms(kv.get("cpu", "0")))
wall, user, sys_, rss, pss, busy, rc = open(m).read().split()
total = (float(user) + float(sys_)) * 1000
print(f"{pages} pages, 1 tab: per page, in ms")
print("| Step | Wall | CPU | Share of CPU |")
print("|---|---|---|---|")
for name in order:
    w, c = steps[name]
    print(f"| {name} | {w / pages:.1f} | {c / pages:.1f} | {c / total * 100:.1f}% |")
sw = sum(v[0] for v in steps.values())
sc = sum(v[1] for v in steps.values())
print(f"| all steps | {sw / pages:.1f} | {sc / pages:.1f} | {sc / total * 100:.1f}% |")
print(f"| whole run (measure.py) | {float(wall) * 1000 / pages:.1f} | {total / pages:.1f} | 100% |")
PY
