package futures_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"concurrencylab/kernel-helpers/futures"
)

// batch is how many no-op tasks each benchmark iteration submits before it
// waits for them all, as a Python loop of executor.submit calls followed by
// wait(futures) does; us/task is then the cost of dispatch per task.
const batch = 1000

// BenchmarkSubmit measures what a pool adds per task: submitting a task
// that does nothing and collecting its result. The targets are
// 1 µs for the goroutine pool and 30 µs for the process pool; CPython's
// ThreadPoolExecutor takes about 11 µs and its ProcessPoolExecutor about
// 100 µs on this kind of machine.
func BenchmarkSubmit(b *testing.B) {
	for _, n := range []int{1, runtime.NumCPU()} {
		b.Run(fmt.Sprintf("goroutines/n=%d", n), func(b *testing.B) {
			p, err := futures.NewGoroutinePool(n)
			if err != nil {
				b.Fatal(err)
			}
			defer p.Close()
			noop := func(context.Context) (struct{}, error) { return struct{}{}, nil }
			futs := make([]*futures.Future[struct{}], batch)
			for b.Loop() {
				for i := range futs {
					futs[i] = futures.Submit(b.Context(), p, noop)
				}
				if _, err := futures.Wait(futs...); err != nil {
					b.Fatal(err)
				}
			}
			reportPerTask(b)
		})
	}
	for _, n := range []int{1, runtime.NumCPU()} {
		b.Run(fmt.Sprintf("processes/n=%d", n), func(b *testing.B) {
			p, err := futures.NewProcessPool(b.Context(), n)
			if err != nil {
				b.Fatal(err)
			}
			defer p.Close()
			futs := make([]*futures.Future[struct{}], batch)
			for b.Loop() {
				for i := range futs {
					futs[i] = futures.SubmitTask[struct{}](b.Context(), p, "noop", nil)
				}
				if _, err := futures.Wait(futs...); err != nil {
					b.Fatal(err)
				}
			}
			reportPerTask(b)
		})
	}
}

func reportPerTask(b *testing.B) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/1e3/float64(b.N*batch), "us/task")
}
