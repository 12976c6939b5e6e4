#!/usr/bin/env python3
"""procs.py CMD [ARG...]: run CMD and print the CPU time of each kind of
process in its tree: CMD itself (saavu, or the floor) and Chromium's
browser, renderer, GPU (the display compositor), network and other utility
processes, each with its share.

    python3 bench/procs.py saavu crawl -q --concurrency 1 --rate 0 URL

Chromium names a child's kind in its command line (--type=renderer,
--utility-sub-type=network.mojom.NetworkService). The tree is sampled every
0.2 s from /proc (utime + stime of each live process), so the last 0.2 s of
a process that exits is not counted: a close lower bound over a run of
tens of seconds. bench/measure.py gives the exact total.
"""
import os
import re
import subprocess
import sys
import time
from collections import Counter

TICK = os.sysconf("SC_CLK_TCK")


def table():
    """pid -> (ppid, cpu ticks, command line) for every process."""
    out = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                st = f.read()
            with open(f"/proc/{d}/cmdline") as f:
                cmd = f.read().replace("\0", " ")
        except OSError:
            continue
        fields = st[st.rfind(")") + 2:].split()
        out[int(d)] = (int(fields[1]), int(fields[11]) + int(fields[12]), cmd)
    return out


def kind(cmd):
    m = re.search(r"--utility-sub-type=(\S+)", cmd)
    if m:
        return "utility: " + m.group(1).split(".")[-1]
    m = re.search(r"--type=(\S+)", cmd)
    if m:
        return m.group(1)
    return "browser"


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
    name = os.path.basename(sys.argv[1])
    last = {}  # pid -> (kind, cpu ticks)
    while p.poll() is None:
        procs = table()
        tree = {p.pid}
        grew = True
        while grew:
            grew = False
            for pid, (ppid, _, _) in procs.items():
                if ppid in tree and pid not in tree:
                    tree.add(pid)
                    grew = True
        for pid in tree:
            if pid in procs:
                _, cpu, cmd = procs[pid]
                k = last[pid][0] if pid in last else None
                if k is None or (k == "browser" and "--type=" in cmd):
                    # A process that is exiting shows an empty command
                    # line: keep the kind it was first seen with.
                    k = name if pid == p.pid else kind(cmd)
                last[pid] = (k, max(cpu, last.get(pid, ("", 0))[1]))
        time.sleep(0.2)
    by = Counter()
    for k, cpu in last.values():
        by[k] += cpu / TICK
    total = sum(by.values())
    print("| Process | CPU s | Share |")
    print("|---|---|---|")
    for k, s in by.most_common():
        print(f"| {k} | {s:.2f} | {100 * s / total:.0f} % |")
    print(f"| all | {total:.2f} | |")
    sys.exit(p.returncode)


if __name__ == "__main__":
    main()
