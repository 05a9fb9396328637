package datarace_test

import (
	"context"
	"errors"
	"testing"
	"time"
)

// BenchmarkCancelLatency measures the promise that every counting function
// returns within 100 ms of its context's end: each iteration cancels a run
// far too long to finish 5 ms after it started, and times cancel() to the
// return. ms-after-cancel is the mean.
func BenchmarkCancelLatency(b *testing.B) {
	for _, c := range cancellable {
		if c.racy && raceEnabled {
			continue
		}
		b.Run(c.name, func(b *testing.B) {
			var after time.Duration
			n := 0
			for b.Loop() {
				ctx, cancel := context.WithCancel(b.Context())
				done := make(chan time.Time, 1)
				go func() {
					if err := c.call(ctx); !errors.Is(err, context.Canceled) {
						b.Errorf("want a cancelled run, got %v", err)
					}
					done <- time.Now()
				}()
				time.Sleep(5 * time.Millisecond)
				cancelled := time.Now()
				cancel()
				after += (<-done).Sub(cancelled)
				n++
			}
			b.ReportMetric(float64(after.Microseconds())/1000/float64(n), "ms-after-cancel")
		})
	}
}
