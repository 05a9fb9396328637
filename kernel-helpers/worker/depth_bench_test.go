package worker

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
)

// BenchmarkDepth says what pipelining buys: the same calls through a pool of
// 2 workers at depth 1 (every call waits for an idle worker, as in CPython's
// ProcessPoolExecutor, which feeds one queue all workers read) and at
// [DefaultDepth] (each worker's next calls wait in its pipe, and an idle
// worker takes calls queued behind a busy one). The callers are the same in
// both, 2 × DefaultDepth goroutines, so only the depth differs. Tasks: a
// no-op, where the round trip is everything; a count of 10,000 steps, a few
// microseconds of work; and "sleep" 100 µs, a short wait. The metric is
// microseconds per task, wall time over tasks.
//
//	go test -run '^$' -bench Depth -benchtime 5x ./kernel-helpers/worker/
func BenchmarkDepth(b *testing.B) {
	const workers, calls = 2, 2000
	tasks := []struct {
		name, task string
		arg        any
	}{
		{"noop", "noop", nil},
		{"count-10k", "count", 10_000},
		{"sleep-100us", "sleep", "100us"},
	}
	for _, tk := range tasks {
		for _, depth := range []int{1, DefaultDepth} {
			b.Run(fmt.Sprintf("%s/depth=%d", tk.name, depth), func(b *testing.B) {
				p, err := NewPoolDepth(context.Background(), workers, depth)
				if err != nil {
					b.Fatal(err)
				}
				defer p.Close()
				ctx := context.Background()
				var failed atomic.Int64
				for b.Loop() {
					var next atomic.Int64
					var wg sync.WaitGroup
					for range workers * DefaultDepth {
						wg.Go(func() {
							for next.Add(1) <= calls {
								if _, err := p.Call(ctx, tk.task, tk.arg, nil); err != nil {
									failed.Add(1)
								}
							}
						})
					}
					wg.Wait()
				}
				if failed.Load() > 0 {
					b.Fatalf("%d calls failed", failed.Load())
				}
				b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*calls), "us/task")
			})
		}
	}
}
