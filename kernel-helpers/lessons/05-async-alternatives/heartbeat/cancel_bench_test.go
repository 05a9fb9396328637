package heartbeat_test

import (
	"concurrencylab/kernel-helpers/bench/benchtest"
	"context"
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
			benchtest.CancelLatency(b, 20*time.Millisecond, func(ctx context.Context) error {
				_, err := e.run(ctx, longHog)
				return err
			})
		})
	}
}
