package worker

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
)

// BenchmarkCall measures a no-op call through a pool of 2 workers, with as
// many callers as the pool has room for, at several depths: depth 1 pays a
// full round trip per call, more depth hides it.
func BenchmarkCall(b *testing.B) {
	const workers, calls = 2, 2000
	for _, depth := range []int{1, 2, 4, 16} {
		b.Run(fmt.Sprintf("depth=%d", depth), func(b *testing.B) {
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
				for range workers * depth {
					wg.Go(func() {
						for next.Add(1) <= calls {
							if _, err := p.Call(ctx, "noop", nil, nil); err != nil {
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
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*calls), "us/call")
		})
	}
}
