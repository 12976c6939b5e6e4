#!/bin/sh
# Benchmark: two builds of saavu side by side. Builds revisions OLD and NEW
# (anything git names: a commit, a branch, HEAD~2; NEW defaults to the
# working tree as it is), generates a municipal site of PAGES pages and
# crawls it with each build in turn, RUNS times, alternating (OLD, NEW,
# OLD, NEW…), so that both meet the same machine: on a shared machine the
# cost of a page moves by ±15 % from one run to the next and by more in a
# day, more than most changes gain, and only runs side by side compare.
# Prints each run's wall time, pages/s and CPU-seconds per page (the whole
# process tree, bench/measure.py), the mean and the best of each build, and
# whether the two builds' results are the same (rule outcomes and elements
# of every page; a speed change must not change a verdict).
#
#   bench/ab.sh OLD [NEW] [-- RUNS PAGES TABS]   (defaults: 3 runs, 200 pages, 2 tabs)
#   bench/ab.sh a037fa7                          the working tree against a037fa7
#
# Needs git, python3 and the generator in ../shared/bench (beside the
# checkout).
set -eu
[ $# -ge 1 ] || { sed -n '2,19p' "$0" >&2; exit 2; }
old=$1
shift
new=
if [ $# -gt 0 ] && [ "$1" != -- ]; then new=$1; shift; fi
[ "${1:-}" = -- ] && shift
runs=${1:-3}
pages=${2:-200}
tabs=${3:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/site.sh"
trees=
bench_cleanup() {
	for t in $trees; do git -C "$root" worktree remove --force "$t" 2>/dev/null || true; done
}

# build NAME REV: $work/NAME is saavu built from REV (the working tree when
# REV is empty).
build() {
	if [ -z "$2" ]; then
		(cd "$root" && go build -o "$work/$1" .)
		return
	fi
	git -C "$root" worktree add -q --detach "$work/src-$1" "$2"
	trees="$trees $work/src-$1"
	(cd "$work/src-$1" && go build -o "$work/$1" .)
}
build old "$old"
build new "$new"

serve_site "$pages"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
i=1
while [ "$i" -le "$runs" ]; do
	for b in old new; do
		rm -rf "$work/state"
		python3 "$root/bench/measure.py" "$work/$b-$i.m" "$work/$b" crawl -q --state "$work/state" --max-pages "$pages" \
			--concurrency "$tabs" --rate 0 -o json="$work/$b-$i.json" "$base/" >/dev/null
	done
	i=$((i + 1))
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$work" "$runs" "$old" "${new:-working tree}" "$pages" "$tabs" "$load_before" "$load_after" <<'PY'
import json, sys
work, runs, old, new, pages, tabs, lb, la = sys.argv[1:]
runs = int(runs)
def verdicts(path):
    r = json.load(open(path))
    return {p["url"]: json.dumps(p.get("results"), sort_keys=True) for p in r["pages"]}
print(f"site: {pages} pages, {tabs} tabs, {runs} runs of each build, alternating")
print("| Build | Run | Wall s | Pages | Pages/s | CPU-s/page |")
print("|---|---|---|---|---|---|")
stats = {}
for i in range(1, runs + 1):
    for b, name in (("old", old), ("new", new)):
        wall, user, sys_, rss, pss, busy, rc = open(f"{work}/{b}-{i}.m").read().split()
        r = json.load(open(f"{work}/{b}-{i}.json"))
        n = sum(1 for p in r["pages"] if not p.get("error") and not p.get("document"))
        cpp = (float(user) + float(sys_)) / max(n, 1)
        stats.setdefault(b, []).append((cpp, n / float(wall)))
        print(f"| {name} | {i} | {float(wall):.1f} | {n} | {n / float(wall):.2f} | {cpp:.3f} |" + ("" if rc in ("0", "1") else f" exit {rc}"))
for b, name in (("old", old), ("new", new)):
    c = [x[0] for x in stats[b]]
    s = [x[1] for x in stats[b]]
    print(f"{name}: CPU-s/page mean {sum(c) / len(c):.3f}, best {min(c):.3f}; pages/s mean {sum(s) / len(s):.2f}, best {max(s):.2f}")
a, b = verdicts(f"{work}/old-1.json"), verdicts(f"{work}/new-1.json")
differ = sorted(u for u in a.keys() | b.keys() if a.get(u) != b.get(u))
print(f"results of the first runs: {'the same' if not differ else f'{len(differ)} of {len(a)} pages differ'}")
for u in differ[:5]:
    print("  differs:", u)
if runs > 1 and differ:
    c = verdicts(f"{work}/old-2.json")
    same = sum(1 for u in a if a.get(u) != c.get(u))
    print(f"  (the old build against itself, runs 1 and 2: {same} pages differ: pages whose results vary from run to run)")
print(f"load average (1, 5, 15 min): {lb} before, {la} after")
PY
