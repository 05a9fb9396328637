package run

import (
	"context"
	"runtime"
	"testing"
	"time"

	"concurrencylab/kernel-helpers/gil"
	"concurrencylab/workloads"
)

// BenchmarkGILThreads runs the work of BenchmarkCPU (NumCPU CPU-bound tasks
// of about 120 ms) on threads under the emulated GIL and reports the
// speedup over the sequential run measured at its start: about 1, however
// many cores, since only one thread runs at a time.
func BenchmarkGILThreads(b *testing.B) {
	cores := runtime.NumCPU()
	n, err := workloads.Calibrate(func(n int64) { workloads.SumSqrt(n) }, 120*time.Millisecond)
	if err != nil {
		b.Fatal(err)
	}
	tasks := Work(cores, "sumsqrt", n)
	var seq []time.Duration
	for range 3 {
		seq = append(seq, timeBatch(b, Sequential(), tasks))
	}
	var runs []time.Duration
	var switches int64
	for b.Loop() {
		g := gil.New()
		start := time.Now()
		if _, err := GILBatch(context.Background(), g, tasks); err != nil {
			b.Fatal(err)
		}
		runs = append(runs, time.Since(start))
		switches += g.Stats().Switches
	}
	b.ReportMetric(float64(median(seq))/float64(median(runs)), "speedup")
	b.ReportMetric(float64(switches)/float64(b.N), "switches/op")
}
