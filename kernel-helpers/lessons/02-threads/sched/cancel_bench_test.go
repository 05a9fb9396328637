package sched_test

import (
	"concurrencylab/kernel-helpers/bench/benchtest"
	"context"
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
			benchtest.CancelLatency(b, 5*time.Millisecond, func(ctx context.Context) error { return longTrace(ctx, locked) })
		})
	}
}
