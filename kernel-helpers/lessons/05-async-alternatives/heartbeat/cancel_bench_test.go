package heartbeat_test

import (
	"context"
	"errors"
	"testing"
	"time"
)

// BenchmarkCancelLatency measures the promise that both experiments return
// within 100 ms of their context's end, hog or not: each iteration cancels
// a run with a minute-long hog 20 ms after it started (the hog is running
// by then), and times cancel() to the return. ms-after-cancel is the mean.
func BenchmarkCancelLatency(b *testing.B) {
	for _, e := range experiments {
		b.Run(e.name, func(b *testing.B) {
			var after time.Duration
			n := 0
			for b.Loop() {
				ctx, cancel := context.WithCancel(b.Context())
				done := make(chan time.Time, 1)
				go func() {
					if _, err := e.run(ctx, longHog); !errors.Is(err, context.Canceled) {
						b.Errorf("want a cancelled run, got %v", err)
					}
					done <- time.Now()
				}()
				time.Sleep(20 * time.Millisecond)
				cancelled := time.Now()
				cancel()
				after += (<-done).Sub(cancelled)
				n++
			}
			b.ReportMetric(float64(after.Microseconds())/1000/float64(n), "ms-after-cancel")
		})
	}
}
