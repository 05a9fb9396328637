package cpython_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/cpython"
)

// python3 returns this machine's python3, or skips the test without one.
func python3(t *testing.T) cpython.Interpreter {
	t.Helper()
	py, err := cpython.Lookup(context.Background(), "python3")
	if errors.Is(err, cpython.ErrNoPython) {
		t.Skip(err)
	}
	require.NoError(t, err)
	return py
}

// TestRealPython runs every program on the real python3 with tiny sizes,
// checking the shape of what comes back, not the timings.
func TestRealPython(t *testing.T) {
	py := python3(t)
	py.Timeout = 2 * time.Minute
	ctx := context.Background()
	prefix := py.Prefix()

	t.Run("Strategies", func(t *testing.T) {
		results, err := py.Strategies(ctx, cpython.StrategiesConfig{Workload: cpython.SumSqrt, N: 20_000, Tasks: 2, Reps: 2})
		require.NoError(t, err)
		want := []string{cpython.Sequential, cpython.Threads, cpython.Processes, cpython.ThreadPool, cpython.ProcessPool}
		require.Len(t, results, len(want))
		for i, r := range results {
			assert.Equal(t, prefix+"-"+want[i], r.Strategy)
			assert.Equal(t, "sumsqrt", r.Name)
			assert.Equal(t, "20000", r.Params["n"])
			assert.Equal(t, "2", r.Params["tasks"])
			assert.Len(t, r.Samples, 2)
		}
		assert.Equal(t, 1, results[0].Workers, "sequential")
		assert.Equal(t, 2, results[1].Workers, "threads: one per task")
	})

	t.Run("Strategies calibrated", func(t *testing.T) {
		results, err := py.Strategies(ctx, cpython.StrategiesConfig{
			Target: 5 * time.Millisecond, Tasks: 1, Reps: 1, Strategies: []string{cpython.Sequential},
		})
		require.NoError(t, err)
		require.Len(t, results, 1)
		assert.NotEqual(t, "0", results[0].Params["n"], "Python chose n")
	})

	t.Run("Dispatch", func(t *testing.T) {
		results, err := py.Dispatch(ctx, cpython.DispatchConfig{Tasks: 20, Reps: 2})
		require.NoError(t, err)
		require.Len(t, results, 2)
		assert.Equal(t, prefix+"-"+cpython.ThreadPool, results[0].Strategy)
		assert.Equal(t, prefix+"-"+cpython.ProcessPool, results[1].Strategy)
		for _, r := range results {
			assert.Equal(t, "noop-dispatch", r.Name)
			assert.Len(t, r.Samples, 2)
		}
	})

	t.Run("Convoy", func(t *testing.T) {
		results, err := py.Convoy(ctx, cpython.ConvoyConfig{
			Hogs: []int{0, 1}, SwitchIntervals: []time.Duration{time.Millisecond, 5 * time.Millisecond}, Samples: 3,
		})
		require.NoError(t, err)
		require.Len(t, results, 4)
		for i, r := range results {
			assert.Equal(t, "convoy", r.Name)
			assert.Equal(t, prefix+"-threads", r.Strategy)
			assert.Equal(t, i%2, r.Workers)
			assert.Equal(t, []string{"1", "1", "5", "5"}[i], r.Params["switch_interval_ms"])
			require.Len(t, r.Samples, 3)
			for _, s := range r.Samples {
				// time.sleep never returns early (PEP 475, Python 3.5+).
				assert.GreaterOrEqual(t, s, time.Millisecond)
			}
		}
	})
}

func TestFindRealPython(t *testing.T) {
	python3(t)
	found, err := cpython.Find(context.Background())
	require.NoError(t, err)
	require.NotEmpty(t, found)
	assert.Equal(t, "python3", found[0].Name)
	for _, in := range found[1:] {
		assert.True(t, in.FreeThreaded, "%v", in)
		assert.True(t, strings.HasSuffix(in.Prefix(), "t"), "%v", in)
	}
}
