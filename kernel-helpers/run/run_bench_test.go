package run

import (
	"context"
	"runtime"
	"slices"
	"testing"
	"time"

	"concurrencylab/kernel-helpers/worker"
	"concurrencylab/workloads"
)

// named is a strategy with the name its sub-benchmark runs under.
type named struct {
	name string
	s    Strategy
}

// BenchmarkCPU runs NumCPU CPU-bound tasks of about 120 ms each under every
// strategy and reports each one's speedup over the sequential run measured
// at the start of the same benchmark. On an idle machine with c cores,
// goroutines should approach c (the tasks share nothing) and the warm
// process pool nearly so (it pays for the pipe, once per task); MaxProcs(1)
// stays at 1; the cold process pool and a process per task also pay for
// starting processes.
func BenchmarkCPU(b *testing.B) {
	cores := runtime.NumCPU()
	n, err := workloads.Calibrate(func(n int64) { workloads.SumSqrt(n) }, 120*time.Millisecond)
	if err != nil {
		b.Fatal(err)
	}
	tasks := Work(cores, "sumsqrt", n)
	pool := warmPool(b, cores)

	// The baseline: the median of three sequential runs, so one run slowed
	// by another program on the machine moves it little.
	var seq []time.Duration
	for range 3 {
		seq = append(seq, timeBatch(b, Sequential(), tasks))
	}
	baseline := median(seq)

	for _, c := range []named{
		{"sequential", Sequential()},
		{"goroutines", Goroutines()},
		{"goroutine-pool", GoroutinePool(cores)},
		{"os-threads", OSThreads(cores)},
		{"gomaxprocs=1", MaxProcs(1)},
		{"process-pool", UsePool(pool)},
		{"process-pool-cold", ProcessPool(cores)},
		{"process-per-task", ProcessPerTask(cores)},
	} {
		b.Run(c.name, func(b *testing.B) {
			var runs []time.Duration
			for b.Loop() {
				runs = append(runs, timeBatch(b, c.s, tasks))
			}
			b.ReportMetric(float64(baseline)/float64(median(runs)), "speedup")
		})
	}
}

// BenchmarkDispatch measures what running a task costs a strategy, apart
// from the task: each batch holds many tasks that do nothing, and us/task is
// the batch's time divided by their number. For the process strategies that
// is a round trip through a pipe (or a whole process) per task.
func BenchmarkDispatch(b *testing.B) {
	cores := runtime.NumCPU()
	noop := func(context.Context) (any, error) { return nil, nil }
	funcs := make([]Task, 10_000)
	for i := range funcs {
		funcs[i].Func = noop
	}
	pool := warmPool(b, cores)

	for _, c := range []struct {
		named
		tasks []Task
	}{
		{named{"sequential", Sequential()}, funcs},
		{named{"goroutines", Goroutines()}, funcs},
		{named{"goroutine-pool", GoroutinePool(cores)}, funcs},
		{named{"os-threads", OSThreads(cores)}, funcs},
		{named{"gomaxprocs=1", MaxProcs(1)}, funcs},
		{named{"process-pool", UsePool(pool)}, Work(2000, "noop", nil)},
		{named{"process-per-task", ProcessPerTask(cores)}, Work(20, "noop", nil)},
	} {
		b.Run(c.name, func(b *testing.B) {
			var runs []time.Duration
			for b.Loop() {
				runs = append(runs, timeBatch(b, c.s, c.tasks))
			}
			b.ReportMetric(float64(median(runs).Microseconds())/float64(len(c.tasks)), "us/task")
		})
	}
}

// warmPool starts a pool of n workers and sends each a call, so that the
// benchmark times calls, not process start-up. The pool is closed when the
// benchmark ends.
func warmPool(b *testing.B, n int) *worker.Pool {
	b.Helper()
	pool, err := worker.NewPool(context.Background(), n)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { pool.Close() })
	if _, err := Batch(context.Background(), UsePool(pool), Work(4*n, "noop", nil)); err != nil {
		b.Fatal(err)
	}
	return pool
}

// timeBatch runs one batch and returns its wall-clock time.
func timeBatch(b *testing.B, s Strategy, tasks []Task) time.Duration {
	start := time.Now()
	if _, err := Batch(context.Background(), s, tasks); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

func median(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}
