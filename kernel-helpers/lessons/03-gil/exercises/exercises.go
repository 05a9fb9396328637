package exercises

import (
	"context"
	"os"
	"sync"
	"time"

	"concurrencylab/kernel-helpers/exercise"
	"concurrencylab/kernel-helpers/gil"
	"concurrencylab/kernel-helpers/run"
	"concurrencylab/workloads"
)

// IOFunc does one "I/O call" of d on thread t, which holds the GIL.
type IOFunc = func(t *gil.Thread, d time.Duration)

// ioThreads and ioSleep size the check: 8 threads waiting 40 ms each take
// 320 ms one after another, about 40 ms at once.
const (
	ioThreads = 8
	ioSleep   = 40 * time.Millisecond
)

// IOWithoutGIL checks an "I/O call" made by a thread holding the emulated
// GIL: it must wait d, let the other threads run meanwhile, and hold the
// GIL again when it returns.
var IOWithoutGIL = &exercise.Exercise[IOFunc]{
	ID: "03-io-without-gil", Title: "wait without the GIL", Timeout: 5 * time.Second,
	Test: func(t *exercise.T, f IOFunc) {
		g := gil.New()
		var wg sync.WaitGroup
		errs := make(chan string, ioThreads)
		start := time.Now()
		for range ioThreads {
			wg.Go(func() {
				th := g.Thread()
				th.Acquire()
				began := time.Now()
				f(th, ioSleep)
				switch {
				case !th.Held():
					errs <- "the thread no longer held the GIL when your function returned: a thread must take it back after its I/O (t.Blocking does)."
					return
				case time.Since(began) < ioSleep:
					errs <- "your function returned before its I/O time was up: it must wait d."
				}
				_ = th.Release()
			})
		}
		wg.Wait()
		took := time.Since(start)
		close(errs)
		for e := range errs {
			t.Fail("%s", e)
		}
		if took > ioThreads*ioSleep*3/4 {
			t.TooSlow("%d threads waiting %v each took %v, about one after another: the GIL stayed with the waiting thread. Wait inside t.Blocking, which releases the GIL for the wait.", ioThreads, ioSleep, took.Round(time.Millisecond))
		}
		t.Passed("%d threads waiting %v each under one GIL took %v: the waits overlapped.", ioThreads, ioSleep, took.Round(time.Millisecond))
	},
}

// StrategyFunc chooses how to run workers CPU-bound tasks, given the GIL
// the threads of this program would share.
type StrategyFunc = func(g *gil.GIL, workers int) run.Strategy

// cpuTask is how long one CPU-bound task of the check takes on one core.
const cpuTask = 60 * time.Millisecond

// CPUStrategy checks a choice of strategy for CPU-bound work under a GIL,
// as a CPython program must make it: the tasks must run at the same time
// (their run intervals overlap), not in this process, whose threads share
// one GIL, and not under that GIL (under it, intervals overlap too: the
// threads take turns, which its Stats count).
var CPUStrategy = &exercise.Exercise[StrategyFunc]{
	ID: "03-cpu-strategy", Title: "CPU work at once despite the GIL", Timeout: 20 * time.Second,
	Test: func(t *exercise.T, f StrategyFunc) {
		n, err := workloads.Calibrate(func(n int64) { workloads.CountTo(n) }, cpuTask)
		if err != nil {
			t.Fail("calibrating the task failed: %v", err)
		}
		const workers = 2
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		// In this process a task counts checking the GIL its thread holds,
		// if any; in a worker process it is the built-in "count" task.
		tasks := run.Work(workers, "count", n)
		for i := range tasks {
			tasks[i].Func = func(ctx context.Context) (any, error) { return workloads.CountToWith(n, gil.CheckFunc(ctx)), nil }
		}
		g := gil.New()
		recs, err := run.Batch(ctx, f(g, workers), tasks)
		if err != nil {
			t.Fail("the batch failed: %v", err)
		}
		others := 0
		pids := map[int]bool{} // the other processes the tasks ran in
		for _, r := range recs {
			if r.PID != os.Getpid() {
				others++
				pids[r.PID] = true
			}
		}
		at := overlap(recs)
		switch {
		case others == 0 && g.Stats().Acquires > 0:
			t.TooSlow("the %d tasks took turns under the GIL (it changed hands %d times): threads of one process share one GIL. A CPython program gets around it with processes, each with its own interpreter and GIL.", workers, g.Stats().Switches)
		case at < 2 && others == 0:
			t.TooSlow("the %d tasks ran one at a time in this process: its threads share one GIL. A CPython program gets around it with processes, each with its own interpreter and GIL.", workers)
		case at < 2 && len(pids) < workers:
			// In worker processes of their own, tasks that ran one after
			// another only met a worker that started late (a busy machine):
			// the choice is right, so only one shared worker is too slow.
			t.TooSlow("the tasks ran in other processes, but one after another: give every task a worker process of its own.")
		case others == 0:
			t.Fail("the tasks ran at once, but in this process: that is Go's goroutines (or threads) without a GIL. Choose what a CPython program needs: each task in a process of its own, with its own GIL.")
		}
		t.Passed("%d tasks ran in %d other processes, each with its own GIL (at most %d at one instant).", workers, len(pids), at)
	},
}

// overlap returns the largest number of records whose run intervals
// overlap at one instant.
func overlap(recs []run.Record) int {
	best := 0
	for _, a := range recs {
		at := 0
		for _, b := range recs {
			if !b.Start.After(a.Start) && b.End.After(a.Start) {
				at++
			}
		}
		best = max(best, at)
	}
	return best
}
