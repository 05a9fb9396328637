package datarace_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/lessons/02-threads/datarace"
	"concurrencylab/workloads/counter"
)

// huge is increments per goroutine for two goroutines: 2^35 in all, far
// more than a test can wait for, so only the context can end these runs.
const huge = counter.MaxTotal / 2

// cancellable lists every function of the package that counts, as a call
// that takes a context. racy says it runs the unsafe counter, which the
// race detector would report.
var cancellable = []struct {
	name string
	racy bool
	call func(ctx context.Context) error
}{
	{"MeasureLosses", true, func(ctx context.Context) error {
		_, err := datarace.MeasureLosses(ctx, []int{2}, huge, 1)
		return err
	}},
	{"MeasureLossesOn", true, func(ctx context.Context) error {
		_, err := datarace.MeasureLossesOn(ctx, 1, []int{2}, huge, 1)
		return err
	}},
	{"FixTotals", false, func(ctx context.Context) error {
		_, err := datarace.FixTotals(ctx, 2, huge)
		return err
	}},
	{"CheckFixes", true, func(ctx context.Context) error {
		_, err := datarace.CheckFixes(ctx, 2, huge, 1)
		return err
	}},
	{"FixCosts", true, func(ctx context.Context) error {
		_, err := datarace.FixCosts(ctx, 2, huge, 1)
		return err
	}},
	{"CompareThreads", true, func(ctx context.Context) error {
		_, err := datarace.CompareThreads(ctx, nil, datarace.Race{Racers: 2, GoIncrements: huge, PyIncrements: 1, Trials: 1})
		return err
	}},
}

func TestCountingStopsWhenCancelled(t *testing.T) {
	for _, c := range cancellable {
		t.Run(c.name, func(t *testing.T) {
			if c.racy {
				skipUnderRace(t)
			}
			ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
			defer cancel()
			start := time.Now()
			err := c.call(ctx)
			require.ErrorIs(t, err, context.DeadlineExceeded)
			// Generous, for a loaded machine: BenchmarkCancelLatency
			// measures the 100 ms promise.
			assert.Less(t, time.Since(start), time.Second)
		})
	}
}

func TestNilContext(t *testing.T) {
	for _, c := range cancellable {
		t.Run(c.name, func(t *testing.T) {
			//nolint:staticcheck // a nil context on purpose
			assert.ErrorContains(t, c.call(nil), "needs a context")
		})
	}
	//nolint:staticcheck // a nil context on purpose
	_, err := datarace.GoProcessRace(nil, 2, 10, 1)
	assert.ErrorContains(t, err, "needs a context")
}
