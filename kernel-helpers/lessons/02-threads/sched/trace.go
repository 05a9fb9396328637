package sched

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
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
	// MaxTraceWork bounds goroutines × steps × n (about a minute of
	// counting on one core), so that a typo fails at once.
	MaxTraceWork = 1 << 35
)

// traceChunk is how much of a step's counting runs between two looks at
// the stop flag: 2^14 iterations, 40-50 µs at the 2.5-3 ns per iteration
// that BenchmarkCountTo measured (workloads.CheckEvery). Even 1000
// goroutines each in the middle of a chunk when ctx ends leave only about
// 25 ms of work on 2 cores.
const traceChunk = 1 << 14

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
// Each step counts in chunks of 2^14 and looks at a stop flag, raised when
// ctx ends, between two chunks, so Trace returns soon after ctx ends
// (BenchmarkCancelLatency measures it) with an error that wraps ctx.Err().
//
// It returns an error for a nil ctx, goroutines or steps outside
// [1, MaxTraceGoroutines] or [1, MaxTraceSteps], n < 1, or more than
// MaxTraceWork in all.
func Trace(ctx context.Context, goroutines, steps int, n int64, locked bool) ([]Step, error) {
	switch {
	case ctx == nil:
		return nil, errors.New("sched: Trace needs a context, got nil")
	case goroutines < 1 || goroutines > MaxTraceGoroutines:
		return nil, fmt.Errorf("sched: goroutines must be in [1, %d], got %d", MaxTraceGoroutines, goroutines)
	case steps < 1 || steps > MaxTraceSteps:
		return nil, fmt.Errorf("sched: steps must be in [1, %d], got %d", MaxTraceSteps, steps)
	case n < 1:
		return nil, fmt.Errorf("sched: work per step must be at least 1, got %d", n)
	case int64(goroutines)*int64(steps) > MaxTraceWork/n:
		return nil, fmt.Errorf("sched: %d goroutines × %d steps × %d of work is more than %d in all (about a minute)", goroutines, steps, n, int64(MaxTraceWork))
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("sched: %w", err)
	}
	var stop, cut atomic.Bool
	defer context.AfterFunc(ctx, func() { stop.Store(true) })()
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
				for done := int64(0); done < n; done += traceChunk {
					if stop.Load() {
						cut.Store(true)
						return
					}
					workloads.CountTo(min(traceChunk, n-done))
				}
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
	if cut.Load() {
		return nil, fmt.Errorf("sched: trace stopped: %w", ctx.Err())
	}
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
