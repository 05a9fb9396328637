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
}

func reportPerTask(b *testing.B) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/1e3/float64(b.N*batch), "us/task")
}
