#!/usr/bin/env python3
"""measure.py OUT CMD [ARG...]: run CMD and write to OUT one line
    wall_s user_s sys_s peak_rss_mib peak_pss_mib machine_busy_s exit_status
for CMD and every process it starts (bench/crawl.sh).

CPU: this process becomes a child subreaper (prctl PR_SET_CHILD_SUBREAPER),
so a descendant orphaned when its parent dies (Chromium's zygote and
renderers when the browser is killed) is re-parented here instead of to
init, and is waited for. It then waits until it has no child left: the
kernel adds a waited-for child's CPU time, and that of every descendant it
waited for, to RUSAGE_CHILDREN. Only a process reaped by nobody (a parent
that ignores SIGCHLD) escapes.
Memory: the summed RSS of CMD's descendants, sampled every 0.25 s, and the
peak of the sums: an upper bound, as a page shared by N processes (Chromium's
code, its shared memory) counts N times. And the same with PSS
(/proc/PID/smaps_rollup: a shared page counts 1/N in each): what the tree
holds of the machine's memory.
machine_busy_s: the whole machine's busy CPU time over the run, from
/proc/stat: an upper bound, other work on the machine included.
"""
import ctypes, os, resource, sys, threading, time

PAGE = os.sysconf("SC_PAGE_SIZE")
TICK = os.sysconf("SC_CLK_TCK")


def busy():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    # user nice system idle iowait irq softirq steal
    return (sum(v[:8]) - v[3] - v[4]) / TICK


def tree_rss(root):
    parent, rss = {}, {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                s = f.read()
        except OSError:
            continue
        fields = s[s.rindex(")") + 2:].split()
        parent[int(d)] = int(fields[1])
        rss[int(d)] = int(fields[21]) * PAGE
    total = pss = 0
    for p in rss:
        q = p
        while q > 1:
            if q == root:
                total += rss[p]
                pss += read_pss(p)
                break
            q = parent.get(q, 0)
    return total, pss


def read_pss(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def main():
    out, cmd = sys.argv[1], sys.argv[2:]
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(36, 1, 0, 0, 0) != 0:  # PR_SET_CHILD_SUBREAPER
        sys.exit("measure: prctl(PR_SET_CHILD_SUBREAPER) failed")
    me = os.getpid()
    peak = [0, 0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            rss, pss = tree_rss(me)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            done.wait(0.25)

    b0, t0 = busy(), time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    threading.Thread(target=sample, daemon=True).start()
    status = 0
    while True:
        try:
            p, st = os.wait()
        except ChildProcessError:
            break
        if p == pid:
            status = os.waitstatus_to_exitcode(st)
            wall = time.monotonic() - t0  # the command's wall time, not its orphans'
    done.set()
    b1 = busy()
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out, "w") as f:
        f.write(f"{wall:.2f} {ru.ru_utime:.2f} {ru.ru_stime:.2f} {peak[0] / 2**20:.0f} {peak[1] / 2**20:.0f} {b1 - b0:.2f} {status}\n")


main()
