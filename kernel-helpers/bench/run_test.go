package bench_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/bench"
)

func TestRunCountsCalls(t *testing.T) {
	tests := []struct {
		name      string
		reps      int
		warmup    int
		wantCalls int
		wantReps  int
	}{
		{"zero value: 1 warm-up + default reps", 0, 0, 1 + bench.DefaultReps, bench.DefaultReps},
		{"3 reps", 3, 0, 4, 3},
		{"1 rep", 1, 0, 2, 1},
		{"2 warm-ups", 3, 2, 5, 3},
		{"no warm-up", 3, bench.NoWarmup, 3, 3},
		{"any negative warm-up means none", 2, -7, 2, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			r, err := bench.Run(t.Context(), bench.Options{Reps: tt.reps, Warmup: tt.warmup}, func() error {
				calls++
				return nil
			})
			require.NoError(t, err)
			assert.Equal(t, tt.wantCalls, calls, "calls")
			assert.Len(t, r.Samples, tt.wantReps, "samples")
		})
	}
}

// TestRunTimesTheCall checks that each sample covers the whole call. The
// sleep stands in for work only to give a lower bound the clock must show;
// no upper bound is checked, since a shared machine can always be slower.
func TestRunTimesTheCall(t *testing.T) {
	const pause = 2 * time.Millisecond
	r, err := bench.Run(t.Context(), bench.Options{Reps: 3}, func() error {
		time.Sleep(pause)
		return nil
	})
	require.NoError(t, err)
	require.Len(t, r.Samples, 3)
	for i, s := range r.Samples {
		assert.GreaterOrEqual(t, s, pause, "sample %d", i)
	}
}

func TestRunCopiesOptions(t *testing.T) {
	params := map[string]string{"n": "1000"}
	r, err := bench.Run(t.Context(), bench.Options{Name: "count", Strategy: "sequential", Workers: 1, Params: params, Reps: 2},
		func() error { return nil })
	require.NoError(t, err)
	params["n"] = "changed"
	assert.Equal(t, "count", r.Name)
	assert.Equal(t, "sequential", r.Strategy)
	assert.Equal(t, 1, r.Workers)
	assert.Equal(t, map[string]string{"n": "1000"}, r.Params, "Params is a copy")
}

func TestRunBadInput(t *testing.T) {
	noop := func() error { return nil }
	tests := []struct {
		name string
		ctx  context.Context
		opts bench.Options
		f    func() error
		want string
	}{
		//nolint:staticcheck // a nil context is the bad input under test
		{"nil context", nil, bench.Options{}, noop, "context"},
		{"nil function", context.Background(), bench.Options{}, nil, "function"},
		{"negative reps", context.Background(), bench.Options{Reps: -1}, noop, "Reps"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := bench.Run(tt.ctx, tt.opts, tt.f)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Empty(t, r.Samples)
		})
	}
}

func TestRunError(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name        string
		failOn      int // 1-based call number, warm-up included
		wantSamples int
		wantMsg     string
	}{
		{"in warm-up", 1, 0, "warm-up 1 of 1"},
		{"in first repetition", 2, 0, "repetition 1 of 4"},
		{"in third repetition", 4, 2, "repetition 3 of 4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			r, err := bench.Run(t.Context(), bench.Options{Name: "count", Reps: 4}, func() error {
				calls++
				if calls == tt.failOn {
					return boom
				}
				return nil
			})
			require.ErrorIs(t, err, boom)
			assert.Contains(t, err.Error(), tt.wantMsg)
			assert.Contains(t, err.Error(), "count")
			assert.Equal(t, tt.failOn, calls, "no call after the failing one")
			assert.Len(t, r.Samples, tt.wantSamples, "samples taken before the failure are kept")
		})
	}
}

func TestRunContext(t *testing.T) {
	t.Run("cancelled before start", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		calls := 0
		r, err := bench.Run(ctx, bench.Options{}, func() error { calls++; return nil })
		require.ErrorIs(t, err, context.Canceled)
		assert.Zero(t, calls)
		assert.Empty(t, r.Samples)
	})
	t.Run("cancelled during a repetition", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		calls := 0
		r, err := bench.Run(ctx, bench.Options{Reps: 10}, func() error {
			calls++
			if calls == 3 { // warm-up, repetition 1, repetition 2
				cancel()
			}
			return nil
		})
		require.ErrorIs(t, err, context.Canceled)
		assert.Contains(t, err.Error(), "before repetition 3 of 10")
		assert.Equal(t, 3, calls, "the running call finishes, no new one starts")
		assert.Len(t, r.Samples, 2)
	})
}
