package sched

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"syscall"
	"time"

	"concurrencylab/kernel-helpers/plots"
	"concurrencylab/workloads"
)

// Step is one step of a goroutine's CPU work and the OS thread it ran on.
type Step struct {
	Goroutine int // 0, 1, … in the order they were started
	// TID is the thread the step started on. EndTID is the one it ended on:
	// different when the runtime moved the goroutine in the middle of the
	// step (it preempts a goroutine that runs for 10 ms without pausing).
	TID, EndTID int
	// Start and End are measured from the start of the trace.
	Start, End time.Duration
}

// Limits on Trace's arguments, to keep a notebook cell short and a timeline readable.
const (
	MaxTraceGoroutines = 1000
	MaxTraceSteps      = 1000
	// MaxTraceWork bounds goroutines × steps × n: the work takes no
	// context, so its size is what keeps a typo from hanging the cell.
	MaxTraceWork = 1 << 35
)

// Trace starts goroutines goroutines that each run steps steps of CPU
// work, workloads.CountTo(n) each, and records which OS thread ran each
// step. With locked, each goroutine first locks itself to its own thread
// with [runtime.LockOSThread] (and unlocks before it ends, so the thread goes
// back to the runtime).
//
// The goroutines wait at a start line until all exist (and, locked, hold
// their threads), so they compete for the cores from the first step.
// Locked goroutines still take turns: only GOMAXPROCS threads run Go code
// at a time, locked or not. The steps come back sorted by start time.
//
// It returns an error for goroutines or steps outside [1, MaxTraceGoroutines]
// or [1, MaxTraceSteps], or n < 1.
func Trace(goroutines, steps int, n int64, locked bool) ([]Step, error) {
	switch {
	case goroutines < 1 || goroutines > MaxTraceGoroutines:
		return nil, fmt.Errorf("sched: goroutines must be in [1, %d], got %d", MaxTraceGoroutines, goroutines)
	case steps < 1 || steps > MaxTraceSteps:
		return nil, fmt.Errorf("sched: steps must be in [1, %d], got %d", MaxTraceSteps, steps)
	case n < 1:
		return nil, fmt.Errorf("sched: work per step must be at least 1, got %d", n)
	case int64(goroutines)*int64(steps) > MaxTraceWork/n:
		return nil, fmt.Errorf("sched: %d goroutines × %d steps × %d of work is more than %d in all (about a minute)", goroutines, steps, n, int64(MaxTraceWork))
	}
	out := make([][]Step, goroutines)
	// t0 is written before the start line opens and read only after it:
	// closing the channel orders the two.
	var t0 time.Time
	start := make(chan struct{})
	var ready, wg sync.WaitGroup
	ready.Add(goroutines)
	for g := range goroutines {
		wg.Go(func() {
			if locked {
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
			}
			ready.Done()
			<-start
			own := make([]Step, 0, steps)
			for range steps {
				s := Step{Goroutine: g, TID: syscall.Gettid(), Start: time.Since(t0)}
				workloads.CountTo(n)
				s.End, s.EndTID = time.Since(t0), syscall.Gettid()
				own = append(own, s)
			}
			out[g] = own
		})
	}
	ready.Wait() // every goroutine exists (and, locked, holds its thread)
	t0 = time.Now()
	close(start)
	wg.Wait()
	all := slices.Concat(out...)
	slices.SortFunc(all, func(a, b Step) int { return int(a.Start - b.Start) })
	return all, nil
}

// Summary is what a trace says about goroutines and threads.
type Summary struct {
	Goroutines int // goroutines traced
	Threads    int // distinct OS threads that ran any of their steps
	Moved      int // goroutines that ran on more than one thread
}

// Summarize counts the threads a trace used and the goroutines that moved
// between threads.
func Summarize(tr []Step) Summary {
	threads := map[int]bool{}
	per := map[int]map[int]bool{}
	for _, s := range tr {
		threads[s.TID], threads[s.EndTID] = true, true
		if per[s.Goroutine] == nil {
			per[s.Goroutine] = map[int]bool{}
		}
		per[s.Goroutine][s.TID], per[s.Goroutine][s.EndTID] = true, true
	}
	sum := Summary{Goroutines: len(per), Threads: len(threads)}
	for _, ts := range per {
		if len(ts) > 1 {
			sum.Moved++
		}
	}
	return sum
}

// String says it in a sentence, e.g. "8 goroutines ran on 3 OS threads; 6
// of them moved from one thread to another."
func (s Summary) String() string {
	return fmt.Sprintf("%d goroutines ran on %d OS threads; %d of them moved from one thread to another.",
		s.Goroutines, s.Threads, s.Moved)
}

// Spans turns a trace into bars for [plots.Timeline]: one row per OS thread
// ("tid 1234"), one bar per step labelled with its goroutine ("g3").
func Spans(tr []Step) ([]plots.Span, error) {
	if len(tr) == 0 {
		return nil, errors.New("sched: empty trace")
	}
	spans := make([]plots.Span, len(tr))
	for i, s := range tr {
		spans[i] = plots.Span{Worker: fmt.Sprintf("tid %d", s.TID), Task: fmt.Sprintf("g%d", s.Goroutine), Start: s.Start, End: s.End}
	}
	return spans, nil
}
