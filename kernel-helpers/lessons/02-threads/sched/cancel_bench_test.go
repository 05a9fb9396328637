package sched_test

import (
	"context"
	"errors"
	"testing"
	"time"
)

// BenchmarkCancelLatency measures Trace's promise to return within 100 ms
// of its context's end: each iteration cancels a trace far too long to
// finish 5 ms after it started, and times cancel() to the return.
// ms-after-cancel is the mean.
func BenchmarkCancelLatency(b *testing.B) {
	for _, locked := range []bool{false, true} {
		b.Run(map[bool]string{false: "free", true: "locked"}[locked], func(b *testing.B) {
			var after time.Duration
			n := 0
			for b.Loop() {
				ctx, cancel := context.WithCancel(b.Context())
				done := make(chan time.Time, 1)
				go func() {
					if err := longTrace(ctx, locked); !errors.Is(err, context.Canceled) {
						b.Errorf("want a cancelled trace, got %v", err)
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
