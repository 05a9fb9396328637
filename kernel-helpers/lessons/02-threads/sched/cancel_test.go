package sched_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/lessons/02-threads/sched"
)

// longTrace is a trace far too long to finish: 2^35 of work in all, about a
// minute on one core, in steps of 2^32 (each many seconds long, so the
// trace must stop inside a step, not between two).
func longTrace(ctx context.Context, locked bool) error {
	_, err := sched.Trace(ctx, 4, 2, 1<<32, locked)
	return err
}

func TestTraceStopsWhenCancelled(t *testing.T) {
	for _, locked := range []bool{false, true} {
		t.Run(map[bool]string{false: "free", true: "locked"}[locked], func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
			defer cancel()
			start := time.Now()
			err := longTrace(ctx, locked)
			require.ErrorIs(t, err, context.DeadlineExceeded)
			// Generous, for a loaded machine: BenchmarkCancelLatency
			// measures the 100 ms promise.
			assert.Less(t, time.Since(start), time.Second)
		})
	}
	t.Run("already cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		require.ErrorIs(t, longTrace(ctx, false), context.Canceled)
	})
	t.Run("nil context", func(t *testing.T) {
		//nolint:staticcheck // a nil context on purpose
		_, err := sched.Trace(nil, 1, 1, 1, false)
		require.ErrorContains(t, err, "needs a context")
	})
}
