// Package benchtest holds benchmark helpers shared by the course's
// packages. It imports package testing, so only test files import it.
package benchtest

import (
	"context"
	"errors"
	"testing"
	"time"
)

// CancelLatency measures the promise every long call of the course makes:
// to return within 100 ms of its context's end. Each iteration of b starts
// call with a fresh context, cancels it after running for start (long
// enough for call to be deep in its work), and times cancel() to call's
// return. The mean is reported as "ms-after-cancel". call must end with an
// error that wraps context.Canceled; anything else fails b.
func CancelLatency(b *testing.B, start time.Duration, call func(ctx context.Context) error) {
	b.Helper()
	var after time.Duration
	n := 0
	for b.Loop() {
		ctx, cancel := context.WithCancel(b.Context())
		done := make(chan time.Time, 1)
		go func() {
			if err := call(ctx); !errors.Is(err, context.Canceled) {
				b.Errorf("want a call ended by its context, got %v", err)
			}
			done <- time.Now()
		}()
		time.Sleep(start)
		cancelled := time.Now()
		cancel()
		after += (<-done).Sub(cancelled)
		n++
	}
	if n > 0 {
		b.ReportMetric(float64(after.Microseconds())/1000/float64(n), "ms-after-cancel")
	}
}
