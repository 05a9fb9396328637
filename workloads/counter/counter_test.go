package counter_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"concurrencylab/workloads/counter"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func skipUnderRace(t *testing.T) {
	t.Helper()
	if raceEnabled {
		t.Skip("the unsafe counter races on purpose; the race detector would fail the test")
	}
}

func TestFixesNeverLoseAnUpdate(t *testing.T) {
	sizes := []struct{ goroutines, increments int }{
		{1, 0}, {1, 1}, {1, 1000}, {2, 10_000}, {8, 5_000}, {64, 100},
	}
	for _, s := range counter.Fixes() {
		for _, size := range sizes {
			t.Run(fmt.Sprintf("%v/%dx%d", s, size.goroutines, size.increments), func(t *testing.T) {
				got, err := counter.Count(t.Context(), s, size.goroutines, size.increments)
				require.NoError(t, err)
				assert.Equal(t, int64(size.goroutines*size.increments), got)
				assert.Zero(t, counter.Lost(size.goroutines, size.increments, got))
			})
		}
	}
}

func TestUnsafeAloneIsExact(t *testing.T) {
	// One goroutine has nobody to race with.
	got, err := counter.Count(t.Context(), counter.Unsafe, 1, 100_000)
	require.NoError(t, err)
	assert.Equal(t, int64(100_000), got)
}

func TestUnsafeNeverGains(t *testing.T) {
	skipUnderRace(t)
	const goroutines, increments = 4, 100_000
	got, err := counter.Count(t.Context(), counter.Unsafe, goroutines, increments)
	require.NoError(t, err)
	assert.LessOrEqual(t, got, int64(goroutines*increments), "a race can lose updates, never invent them")
	assert.Positive(t, got)
	assert.Equal(t, int64(goroutines*increments)-got, counter.Lost(goroutines, increments, got))
}

// TestUnsafeLosesUpdates checks that the race is real: that the compiler did
// not turn the loop into one addition, which would lose nothing. It needs
// two cores running the goroutines at once, and tries several times, since
// another program may hold one of the cores for a whole attempt.
func TestUnsafeLosesUpdates(t *testing.T) {
	skipUnderRace(t)
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("needs two cores to run goroutines at the same time")
	}
	const goroutines, increments, attempts = 4, 1_000_000, 20
	for range attempts {
		got, err := counter.Count(t.Context(), counter.Unsafe, goroutines, increments)
		require.NoError(t, err)
		if counter.Lost(goroutines, increments, got) > 0 {
			return
		}
	}
	t.Errorf("%d attempts of %d goroutines × %d unsafe increments lost no update", attempts, goroutines, increments)
}

func TestCountBadInput(t *testing.T) {
	tests := []struct {
		name                   string
		s                      counter.Strategy
		goroutines, increments int
		want                   string
	}{
		{"unknown strategy", counter.Strategy(9), 1, 1, "unknown strategy Strategy(9)"},
		{"negative strategy", counter.Strategy(-1), 1, 1, "unknown strategy"},
		{"no goroutine", counter.Atomic, 0, 1, "at least one goroutine"},
		{"too many goroutines", counter.Atomic, counter.MaxGoroutines + 1, 1, "more than"},
		{"negative increments", counter.Mutex, 2, -1, "negative number of increments"},
		{"too many increments", counter.Mutex, 2, counter.MaxIncrements + 1, "more than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := counter.Count(t.Context(), tt.s, tt.goroutines, tt.increments)
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

func TestStrategyNames(t *testing.T) {
	var got []string
	for _, s := range counter.Strategies() {
		got = append(got, s.String())
	}
	assert.Equal(t, []string{"unsafe", "mutex", "atomic", "channel"}, got)
	assert.NotContains(t, counter.Fixes(), counter.Unsafe)
	assert.Equal(t, "Strategy(7)", counter.Strategy(7).String())
}

func TestCountStopsWhenCancelled(t *testing.T) {
	for _, s := range counter.Strategies() {
		if s == counter.Unsafe && raceEnabled {
			continue
		}
		t.Run(s.String(), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
			defer cancel()
			start := time.Now()
			// 2^35 increments in all: many seconds under any strategy.
			_, err := counter.Count(ctx, s, 4, counter.MaxTotal/4)
			took := time.Since(start)
			require.ErrorIs(t, err, context.DeadlineExceeded)
			assert.Less(t, took, time.Second, "a generous bound on a loaded machine; BenchmarkCancelLatency measures the 100 ms promise")
		})
	}
	t.Run("many goroutines", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(20*time.Millisecond, cancel)
		start := time.Now()
		_, err := counter.Count(ctx, counter.Mutex, 10_000, counter.MaxTotal/10_000)
		require.ErrorIs(t, err, context.Canceled)
		assert.Less(t, time.Since(start), time.Second)
	})
	t.Run("already cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		_, err := counter.Count(ctx, counter.Atomic, 1, 1)
		require.ErrorIs(t, err, context.Canceled)
	})
	t.Run("nil context", func(t *testing.T) {
		//nolint:staticcheck // a nil context on purpose
		_, err := counter.Count(nil, counter.Atomic, 1, 1)
		require.ErrorContains(t, err, "needs a context")
	})
}

// TestCountChunksAddUp checks that running the loops in chunks loses
// nothing: sizes around the chunk boundaries, with one goroutine (exact even
// unsafe) and with many (chunks of one increment).
func TestCountChunksAddUp(t *testing.T) {
	for _, size := range []struct{ goroutines, increments int }{
		{1, 4095}, {1, 4096}, {1, 4097}, {1, 3*4096 + 5}, {counter.MaxGoroutines, 3}, {20, 10_000},
	} {
		for _, s := range counter.Fixes() {
			got, err := counter.Count(t.Context(), s, size.goroutines, size.increments)
			require.NoError(t, err)
			assert.Equal(t, int64(size.goroutines*size.increments), got, "%v %dx%d", s, size.goroutines, size.increments)
		}
	}
	got, err := counter.Count(t.Context(), counter.Unsafe, 1, 3*4096+5)
	require.NoError(t, err)
	assert.Equal(t, int64(3*4096+5), got)
}
