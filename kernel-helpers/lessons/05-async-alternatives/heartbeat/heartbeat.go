package heartbeat

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/eventloop"
	"concurrencylab/workloads"
)

// MaxSpan bounds Options.Ticks × Options.Interval: a heartbeat that runs for
// more than a minute is a mistake in a notebook cell, not a lesson.
const MaxSpan = time.Minute

// MaxHogN bounds Options.HogN, so that a typo fails at once: 2^36 steps of
// workloads.SumSqrt, about a minute on a fast core.
const MaxHogN = 1 << 36

// hogChunk is how many square roots the hog adds up between two looks at
// its stop flag: 2^16, about 200 µs at the ~3 ns per iteration that
// BenchmarkSumSqrt measured.
const hogChunk = 1 << 16

// Options describes one experiment. Every field must be positive, except
// HogAfter, which may be 0.
type Options struct {
	// Interval is how often the heartbeat wants to run, e.g. 5 ms.
	Interval time.Duration
	// Ticks is how many times it runs; Ticks × Interval should outlast the
	// hog, or the plot ends before the hog does.
	Ticks int
	// HogAfter is when the hog starts, after the heartbeat, so that the
	// plot shows some punctual ticks first.
	HogAfter time.Duration
	// HogN is the hog's size: the n of workloads.SumSqrt(n). Pick it with
	// workloads.Calibrate for a hog of a chosen duration.
	HogN int64
	// HogTime is the duration HogN was calibrated for (the notebook's
	// hogTime). When it is set, [Verdict] checks the hog's measured
	// duration against it; 0 skips that check.
	HogTime time.Duration
}

// Validate returns an error naming the first field that is out of range,
// or nil: [OnEventLoop] and [OnGoroutines] call it before they start.
func (o Options) Validate() error {
	switch {
	case o.Interval <= 0:
		return fmt.Errorf("heartbeat: Interval %v must be positive", o.Interval)
	case o.Ticks <= 0:
		return fmt.Errorf("heartbeat: Ticks %d must be positive", o.Ticks)
	case o.Interval > MaxSpan/time.Duration(o.Ticks):
		return fmt.Errorf("heartbeat: %d ticks of %v last longer than %v", o.Ticks, o.Interval, MaxSpan)
	case o.HogAfter < 0 || o.HogAfter > MaxSpan:
		return fmt.Errorf("heartbeat: HogAfter %v is outside [0, %v]", o.HogAfter, MaxSpan)
	case o.HogN <= 0:
		return fmt.Errorf("heartbeat: HogN %d must be positive", o.HogN)
	case o.HogN > MaxHogN:
		return fmt.Errorf("heartbeat: HogN %d is more than %d (about a minute of work on a fast core)", o.HogN, int64(MaxHogN))
	case o.HogTime < 0 || o.HogTime > MaxSpan: // a NaN duration is negative
		return fmt.Errorf("heartbeat: HogTime %v is outside [0, %v] (0 skips the check of the hog's duration)", o.HogTime, MaxSpan)
	}
	return nil
}

// Tick is one beat of the heartbeat, timed from the start of the experiment.
type Tick struct {
	Due, Ran time.Duration
}

// Late returns how long after it was due the tick ran.
func (t Tick) Late() time.Duration { return t.Ran - t.Due }

// Result is what one experiment saw.
type Result struct {
	// Scheduler names how the tasks ran: "event loop" or "goroutines (GOMAXPROCS=1)".
	Scheduler string
	Options   Options
	// Ticks holds every tick, in order. Fewer than Options.Ticks only when
	// the context ended early.
	Ticks []Tick
	// HogStart and HogEnd are when the hog ran, from the start.
	HogStart, HogEnd time.Duration
}

// Hog returns how long the hog ran.
func (r Result) Hog() time.Duration { return r.HogEnd - r.HogStart }

// Worst returns the lateness of the latest tick, or 0 without ticks.
func (r Result) Worst() time.Duration {
	var worst time.Duration
	for _, t := range r.Ticks {
		worst = max(worst, t.Late())
	}
	return worst
}

// During returns how many ticks ran while the hog was running: none under a
// cooperative scheduler, several under a preemptive one.
func (r Result) During() int {
	n := 0
	for _, t := range r.Ticks {
		if t.Ran > r.HogStart && t.Ran < r.HogEnd {
			n++
		}
	}
	return n
}

// sink keeps the hog's sum, so that the compiler cannot drop the loop as
// dead code: every square root must really be computed.
var sink atomic.Uint64

// The hog never yields: it makes no call that lets an event loop run
// another task, and none that blocks (that is the lesson: nothing can pause
// it but preemption). Between two chunks of 2^16 it only reads stop, a flag
// that nothing but the end of the caller's context raises, so that the
// experiment returns within milliseconds of ctx's end instead of running the
// hog to the end. It reports whether it did all n.
func hog(stop *atomic.Bool, n int64) bool {
	var sum float64
	for done := int64(0); done < n; done += hogChunk {
		if stop.Load() {
			return false
		}
		sum += workloads.SumSqrt(min(hogChunk, n-done))
	}
	sink.Store(math.Float64bits(sum))
	return true
}

// stopOnEnd returns a flag raised when ctx ends, and the function that
// releases it.
func stopOnEnd(ctx context.Context) (*atomic.Bool, func() bool) {
	stop := new(atomic.Bool)
	return stop, context.AfterFunc(ctx, func() { stop.Store(true) })
}

// OnEventLoop runs the heartbeat and the hog as two tasks of one
// [eventloop.Loop]: the asyncio way.
func OnEventLoop(ctx context.Context, opts Options) (Result, error) {
	if err := opts.Validate(); err != nil {
		return Result{}, err
	}
	if ctx == nil {
		return Result{}, errors.New("heartbeat: nil context")
	}
	r := Result{Scheduler: "event loop", Options: opts}
	stop, release := stopOnEnd(ctx)
	defer release()
	loop := eventloop.New()
	start := time.Now()
	// Only one task runs at a time, so they share r without a lock.
	_ = loop.Go("heartbeat", func(t *eventloop.Task) error {
		for i := 1; i <= opts.Ticks; i++ {
			due := time.Duration(i) * opts.Interval
			if err := t.Sleep(max(0, due-time.Since(start))); err != nil {
				return err
			}
			r.Ticks = append(r.Ticks, Tick{Due: due, Ran: time.Since(start)})
		}
		return nil
	})
	_ = loop.Go("hog", func(t *eventloop.Task) error {
		if err := t.Sleep(opts.HogAfter); err != nil {
			return err
		}
		r.HogStart = time.Since(start)
		finished := hog(stop, opts.HogN) // no await inside: the loop waits for it to end
		r.HogEnd = time.Since(start)
		if !finished {
			return context.Cause(ctx)
		}
		return nil
	})
	if err := loop.Run(ctx); err != nil {
		return r, fmt.Errorf("heartbeat: %w", err)
	}
	return r, nil
}

// gomaxprocs serializes the experiments that change GOMAXPROCS, so that two
// running at once cannot restore each other's setting.
var gomaxprocs sync.Mutex

// OnGoroutines runs the heartbeat and the hog as two goroutines, with
// GOMAXPROCS set to 1 while they run (and restored afterwards), so that they
// share one thread as asyncio's tasks do: any tick that runs while the hog
// runs is one the runtime interrupted the hog for.
//
// GOMAXPROCS is process-wide: other goroutines of the program run on that
// one thread too while this runs.
func OnGoroutines(ctx context.Context, opts Options) (Result, error) {
	if err := opts.Validate(); err != nil {
		return Result{}, err
	}
	if ctx == nil {
		return Result{}, errors.New("heartbeat: nil context")
	}
	gomaxprocs.Lock()
	defer gomaxprocs.Unlock()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))

	r := Result{Scheduler: "goroutines (GOMAXPROCS=1)", Options: opts}
	stop, release := stopOnEnd(ctx)
	defer release()
	var ticks []Tick
	var hogStart, hogEnd time.Duration
	var wg sync.WaitGroup
	errs := make([]error, 2)
	start := time.Now()
	wg.Go(func() {
		for i := 1; i <= opts.Ticks; i++ {
			due := time.Duration(i) * opts.Interval
			if err := workloads.Sleep(ctx, max(0, due-time.Since(start))); err != nil {
				errs[0] = err
				return
			}
			ticks = append(ticks, Tick{Due: due, Ran: time.Since(start)})
		}
	})
	wg.Go(func() {
		if err := workloads.Sleep(ctx, opts.HogAfter); err != nil {
			errs[1] = err
			return
		}
		hogStart = time.Since(start)
		finished := hog(stop, opts.HogN) // no call that yields: only preemption can pause it
		hogEnd = time.Since(start)
		if !finished {
			errs[1] = ctx.Err()
		}
	})
	wg.Wait()
	r.Ticks, r.HogStart, r.HogEnd = ticks, hogStart, hogEnd
	if err := errors.Join(errs...); err != nil {
		return r, fmt.Errorf("heartbeat: %w", err)
	}
	return r, nil
}
