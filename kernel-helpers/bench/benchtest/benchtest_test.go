package benchtest_test

import (
	"context"
	"testing"
	"time"

	"concurrencylab/kernel-helpers/bench/benchtest"
)

// A call that returns as soon as its context ends.
func BenchmarkCancelLatency(b *testing.B) {
	benchtest.CancelLatency(b, time.Millisecond, func(ctx context.Context) error {
		<-ctx.Done()
		return ctx.Err()
	})
}

// The helper's reported figure comes from real runs: one iteration of a
// prompt call reports well under a second.
func TestCancelLatencyReports(t *testing.T) {
	r := testing.Benchmark(BenchmarkCancelLatency)
	ms, ok := r.Extra["ms-after-cancel"]
	if !ok || r.N == 0 {
		t.Fatalf("no ms-after-cancel reported: %+v", r)
	}
	if ms < 0 || ms > 1000 {
		t.Fatalf("ms-after-cancel = %v for a call that returns at once", ms)
	}
}
