package sched

import (
	"errors"
	"fmt"
	"slices"

	"concurrencylab/kernel-helpers/memory"
	"concurrencylab/kernel-helpers/plots"
)

// Count is the number of OS threads this process had while Goroutines
// goroutines sat parked, Locked ones each holding its own thread.
type Count struct {
	Goroutines int
	Locked     bool
	Threads    int
}

// ThreadCounts parks each number of goroutines in turn, first plain, then
// (up to maxLocked) each locked to its own OS thread, and records the
// process's thread count while they are parked. Every group is released
// before the next is parked.
//
// Plain goroutines leave the thread count about where it was; locked ones
// add one thread each. maxLocked bounds the locked groups because every
// thread costs the kernel real memory and the runtime aborts a program past
// 10,000 of them; it must not exceed [memory.MaxThreads].
//
// It returns an error for no counts, a count below 1, or a count package
// memory refuses.
func ThreadCounts(counts []int, maxLocked int) ([]Count, error) {
	if len(counts) == 0 {
		return nil, errors.New("sched: no goroutine counts")
	}
	if maxLocked > memory.MaxThreads {
		return nil, fmt.Errorf("sched: at most %d locked goroutines, asked for %d", memory.MaxThreads, maxLocked)
	}
	var out []Count
	for _, locked := range []bool{false, true} {
		for _, n := range counts {
			if locked && n > maxLocked {
				continue
			}
			c, err := threadsWhileParked(n, locked)
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		}
	}
	return out, nil
}

func threadsWhileParked(n int, locked bool) (Count, error) {
	park := memory.ParkGoroutines
	if locked {
		park = memory.ParkThreads
	}
	p, err := park(n)
	if err != nil {
		return Count{}, fmt.Errorf("sched: %w", err)
	}
	defer p.Release()
	u, err := memory.Self()
	if err != nil {
		return Count{}, fmt.Errorf("sched: %w", err)
	}
	return Count{Goroutines: n, Locked: locked, Threads: u.Threads}, nil
}

// CountSeries turns thread counts into two series for [plots.Lines]: OS
// threads against parked goroutines, plain and locked.
func CountSeries(cs []Count) ([]plots.Series, error) {
	plain := plots.Series{Name: "goroutines"}
	locked := plots.Series{Name: "locked goroutines"}
	for _, c := range cs {
		s := &plain
		if c.Locked {
			s = &locked
		}
		s.X = append(s.X, float64(c.Goroutines))
		s.Y = append(s.Y, float64(c.Threads))
	}
	var out []plots.Series
	for _, s := range []plots.Series{plain, locked} {
		if len(s.X) > 0 {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("sched: no thread counts")
	}
	return out, nil
}

// CountVerdict compares the largest plain group with the largest locked one:
// how many threads each needed, with the figures.
func CountVerdict(cs []Count, gomaxprocs int) string {
	var plain, locked []Count
	for _, c := range cs {
		if c.Locked {
			locked = append(locked, c)
		} else {
			plain = append(plain, c)
		}
	}
	if len(plain) == 0 {
		return "No plain goroutines were measured."
	}
	byGoroutines := func(a, b Count) int { return a.Goroutines - b.Goroutines }
	p := slices.MaxFunc(plain, byGoroutines)
	pMin := slices.MinFunc(plain, func(a, b Count) int { return a.Threads - b.Threads }).Threads
	pMax := slices.MaxFunc(plain, func(a, b Count) int { return a.Threads - b.Threads }).Threads
	threads := fmt.Sprintf("between %d and %d OS threads", pMin, pMax)
	if pMin == pMax {
		threads = fmt.Sprintf("%d OS threads every time", pMin)
	}
	s := fmt.Sprintf("From %d to %d parked goroutines, this process had %s (GOMAXPROCS = %d): ",
		slices.MinFunc(plain, byGoroutines).Goroutines, p.Goroutines, threads, gomaxprocs)
	if pMax-pMin <= gomaxprocs+4 {
		s += "about the same number whatever the goroutine count, as M:N scheduling promises."
	} else {
		s += "more than expected; another part of this program may have started threads meanwhile."
	}
	if len(locked) > 0 {
		l := slices.MaxFunc(locked, byGoroutines)
		s += fmt.Sprintf(" Locked to their threads, %d goroutines needed %d threads: ", l.Goroutines, l.Threads)
		if l.Threads >= l.Goroutines {
			s += "one each, and then some."
		} else {
			s += "fewer than one each, which should not happen."
		}
	}
	return s
}
