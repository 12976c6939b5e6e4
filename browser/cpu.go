package browser

import (
	"context"
	"log/slog"
	"os"
	"strconv"
	"strings"
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
	return (m.now() - start).Round(time.Millisecond)
}

// treeCPU sums the user and system time of process root and its
// descendants, from /proc.
func treeCPU(root int) time.Duration {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return 0
	}
	parent := map[int]int{}
	ticks := map[int]int64{}
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// pid (comm) state ppid … utime stime: fields after the
		// command, which may hold spaces and parentheses.
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) < 13 {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		ut, _ := strconv.ParseInt(f[11], 10, 64)
		st, _ := strconv.ParseInt(f[12], 10, 64)
		parent[pid] = ppid
		ticks[pid] = ut + st
	}
	var sum int64
	for pid, t := range ticks {
		for p, n := pid, 0; p > 0 && n < 64; p, n = parent[p], n+1 {
			if p == root {
				sum += t
				break
			}
		}
	}
	return time.Duration(sum) * time.Second / clockTick
}
