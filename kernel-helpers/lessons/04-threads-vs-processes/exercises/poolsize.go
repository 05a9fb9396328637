package exercises

import (
	"context"
	"fmt"
	"runtime"
	"time"

	"concurrencylab/kernel-helpers/exercise"
	"concurrencylab/kernel-helpers/run"
	"concurrencylab/workloads"
)

// PoolSizeFunc chooses how many workers a goroutine pool gets for tasks
// tasks on a machine where cores goroutines run at once: CPU-bound tasks,
// or tasks that wait (ioBound).
type PoolSizeFunc = func(ioBound bool, tasks, cores int) int

// The check's batches: cpuTasks counting tasks of cpuTime each, and
// ioTasks waits of ioWait each.
const (
	cpuTime = 30 * time.Millisecond
	ioTasks = 64
	ioWait  = 25 * time.Millisecond
)

// PoolSize checks a choice of pool size by measuring it: CPU-bound tasks
// must keep every core busy (as many of them run at one instant as there
// are cores), and waiting tasks must overlap their waits (the batch must
// take a few waits, not one per worker round).
var PoolSize = &exercise.Exercise[PoolSizeFunc]{
	ID: "04-pool-size", Title: "choose a pool's size, and measure it", Timeout: 20 * time.Second,
	Test: func(t *exercise.T, f PoolSizeFunc) {
		cores := runtime.GOMAXPROCS(0)
		cpuTasks := 2 * cores
		n := f(false, cpuTasks, cores)
		if n < 1 {
			t.Fail("%d workers for CPU-bound work: a pool needs at least one.", n)
		}
		count, err := workloads.Calibrate(func(n int64) { workloads.CountTo(n) }, cpuTime)
		if err != nil {
			t.Fail("calibrating the task failed: %v", err)
		}
		tasks := make([]run.Task, cpuTasks)
		for i := range tasks {
			tasks[i] = run.Task{Name: fmt.Sprintf("count #%d", i), Func: func(context.Context) (any, error) { return workloads.CountTo(count), nil }}
		}
		recs, err := run.Batch(t.Context(), run.GoroutinePool(n), tasks)
		if err != nil {
			t.Fail("the CPU-bound batch failed: %v", err)
		}
		if at := overlap(recs); at < cores {
			t.TooSlow("with %d workers, at most %d CPU-bound tasks ran at once on %d cores: give the pool at least one worker per core.", n, at, cores)
		}
		m := f(true, ioTasks, cores)
		if m < 1 {
			t.Fail("%d workers for waiting tasks: a pool needs at least one.", m)
		}
		waits := make([]run.Task, ioTasks)
		for i := range waits {
			waits[i] = run.Task{Name: fmt.Sprintf("wait #%d", i), Func: func(ctx context.Context) (any, error) {
				select {
				case <-time.After(ioWait):
					return nil, nil
				case <-ctx.Done():
					return nil, ctx.Err()
				}
			}}
		}
		start := time.Now()
		if _, err := run.Batch(t.Context(), run.GoroutinePool(m), waits); err != nil {
			t.Fail("the waiting batch failed: %v", err)
		}
		took := time.Since(start)
		if took > 8*ioWait {
			t.TooSlow("with %d workers, %d waits of %v took %v, about %d rounds of waits: a waiting task needs no core, so give the pool about one worker per task.", m, ioTasks, ioWait, took.Round(time.Millisecond), (ioTasks+m-1)/m)
		}
		t.Passed("%d workers kept the %d cores busy with CPU-bound tasks; %d workers overlapped %d waits of %v in %v.", n, cores, m, ioTasks, ioWait, took.Round(time.Millisecond))
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
