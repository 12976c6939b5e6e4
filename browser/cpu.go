package browser

import (
	"context"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// CPU time in the debug log. With one tab (--concurrency 1) the CPU that
// saavu and the Chrome it started used across a step is what the step
// cost, Chrome's share included, which wall time on a busy machine is not.
// bench/phases.sh sums it per step.

// clockTick is Linux's USER_HZ, the unit of /proc/PID/stat times: 100 on
// every architecture Go builds for.
const clockTick = 100

// cpuMeter reads the CPU time used so far by saavu and by the process
// tree of the Chrome it started. Zero when the log leaves out debug lines,
// for a remote browser, or where /proc cannot be read.
type cpuMeter struct {
	pid int // Chrome's; 0: off
}

func (b *Browser) cpuMeter(ctx context.Context) cpuMeter {
	if !b.opts.Log.Enabled(ctx, slog.LevelDebug) {
		return cpuMeter{}
	}
	return cpuMeter{pid: b.pid()}
}

// now is the CPU time used so far; 0 when the meter is off.
func (m cpuMeter) now() time.Duration {
	if m.pid == 0 {
		return 0
	}
	var ru syscall.Rusage
	var own time.Duration
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		own = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return own + treeCPU(m.pid)
}

// since is the CPU time used since start (a value of now), rounded to
// the millisecond; 0 when the meter is off.
func (m cpuMeter) since(start time.Duration) time.Duration {
	if m.pid == 0 {
		return 0
	}
	// A renderer that ended in between takes its time with it: never
	// less than nothing.
	return max(m.now()-start, 0).Round(time.Millisecond)
}

// treeCPU sums the user and system time of process root and its
// descendants, from /proc. Which processes descend from root is looked up
// again at most every treeRefresh (a walk of all of /proc costs a
// millisecond); a process started since is counted from then on.
func treeCPU(root int) time.Duration {
	tree.mu.Lock()
	defer tree.mu.Unlock()
	if tree.root != root || time.Since(tree.at) > treeRefresh {
		tree.root, tree.at, tree.pids = root, time.Now(), descendants(root)
	}
	var sum int64
	for _, pid := range tree.pids {
		if _, t, ok := procStat(pid); ok {
			sum += t
		}
	}
	return time.Duration(sum) * time.Second / clockTick
}

const treeRefresh = time.Second

var tree struct {
	mu   sync.Mutex
	root int
	at   time.Time
	pids []int
}

// descendants lists root and the processes descending from it.
func descendants(root int) []int {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	parent := map[int]int{}
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if ppid, _, ok := procStat(pid); ok {
			parent[pid] = ppid
		}
	}
	var out []int
	for pid := range parent {
		for p, n := pid, 0; p > 0 && n < 64; p, n = parent[p], n+1 {
			if p == root {
				out = append(out, pid)
				break
			}
		}
	}
	return out
}

// procStat reads a process's parent and its user and system time in
// clock ticks.
func procStat(pid int) (ppid int, ticks int64, ok bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, 0, false
	}
	// pid (comm) state ppid … utime stime: fields after the command,
	// which may hold spaces and parentheses.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, 0, false
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0, 0, false
	}
	ppid, _ = strconv.Atoi(f[1])
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return ppid, ut + st, true
}
