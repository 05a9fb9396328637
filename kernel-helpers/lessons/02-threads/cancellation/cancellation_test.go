package cancellation_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"concurrencylab/kernel-helpers/lessons/02-threads/cancellation"
	"concurrencylab/workloads"
)

// Every function waits for the goroutines it starts; goleak checks it.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func TestStopLatency(t *testing.T) {
	stops, err := cancellation.StopLatency(t.Context(), 1000, 5)
	require.NoError(t, err)
	require.Len(t, stops, 5)
	for _, d := range stops {
		assert.GreaterOrEqual(t, d, time.Duration(0))
	}
}

func TestStopLatencyBadInput(t *testing.T) {
	done, cancel := context.WithCancel(t.Context())
	cancel()
	tests := []struct {
		name       string
		ctx        context.Context
		checkEvery int64
		trials     int
		want       string
	}{
		{"no iterations", t.Context(), 0, 1, "checkEvery must be"},
		{"too many iterations", t.Context(), cancellation.MaxCheckEvery + 1, 1, "checkEvery must be"},
		{"no trial", t.Context(), 10, 0, "at least one trial"},
		{"context done", done, 10, 3, "context canceled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := cancellation.StopLatency(tt.ctx, tt.checkEvery, tt.trials)
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

func TestSweep(t *testing.T) {
	ls, err := cancellation.Sweep(t.Context(), []int64{100, 10_000}, 3)
	require.NoError(t, err)
	require.Len(t, ls, 2)
	assert.Equal(t, int64(100), ls[0].CheckEvery)
	assert.Equal(t, int64(10_000), ls[1].CheckEvery)
	assert.Len(t, ls[1].Stops, 3)

	_, err = cancellation.Sweep(t.Context(), nil, 3)
	assert.Error(t, err)
	_, err = cancellation.Sweep(t.Context(), []int64{-1}, 3)
	assert.Error(t, err)
}

func TestSeries(t *testing.T) {
	us := time.Microsecond
	ls := []cancellation.Latencies{
		{CheckEvery: 1000, Stops: []time.Duration{3 * us, 1 * us, 2 * us}},
		{CheckEvery: 1_000_000, Stops: []time.Duration{0, 4 * us}},
	}
	s, err := cancellation.Series(ls)
	require.NoError(t, err)
	assert.Equal(t, []float64{1000, 1_000_000}, s.X)
	assert.Equal(t, []float64{2, 2}, s.Y)
	assert.Equal(t, []float64{1, 0.001}, s.Low, "a zero delay shows as 1 ns on the log axis")
	assert.Equal(t, []float64{3, 4}, s.High)

	_, err = cancellation.Series(nil)
	assert.Error(t, err)
	_, err = cancellation.Series([]cancellation.Latencies{{CheckEvery: 5}})
	assert.ErrorContains(t, err, "no trials for checkEvery 5")
}

func TestVerdict(t *testing.T) {
	ms := time.Millisecond
	ls := []cancellation.Latencies{
		{CheckEvery: 10_000_000, Stops: []time.Duration{30 * ms, 29 * ms, 31 * ms}},
		{CheckEvery: 1000, Stops: []time.Duration{4 * time.Microsecond}},
	}
	got := cancellation.Verdict(ls)
	assert.Contains(t, got, "A goroutine checking every 1,000 iterations stopped a median 4µs after cancel() (at worst 4µs)")
	assert.Contains(t, got, "one checking every 10,000,000 iterations stopped a median 30ms after cancel() (at worst 31ms)")
	assert.Equal(t, "A goroutine checking every 1,000 iterations stopped a median 4µs after cancel() (at worst 4µs).", cancellation.Verdict(ls[1:]))
	assert.Equal(t, "No stop was measured.", cancellation.Verdict(nil))
}

func TestIgnore(t *testing.T) {
	// Enough work that the goroutine is surely still running 20 ms after
	// the cancel, even on a fast machine: about a second's worth at the
	// 2.5-3 ns per iteration measured on the course's machine, and more
	// on a faster one only if it is over 50 times faster.
	n := int64(300_000_000)
	if testing.Short() {
		n = 30_000_000
	}
	r, err := cancellation.Ignore(t.Context(), n, 20*time.Millisecond)
	require.NoError(t, err)
	assert.Equal(t, n, r.Count, "the goroutine did all its work, cancelled or not")
	assert.Equal(t, n, r.N)
	assert.True(t, r.StillRunning, "still running after the cancel: %+v", r)
	assert.Greater(t, r.DoneAfterWait, r.DoneAtCancel, "it went on making progress after the cancel")
	assert.GreaterOrEqual(t, r.Waited, 20*time.Millisecond)
	assert.Greater(t, r.FinishedAt, r.CancelledAt+r.Waited)
	assert.Contains(t, r.Verdict(), "**still running**")
}

func TestIgnoreTinyWork(t *testing.T) {
	// Less than one progress report's worth: done before it can be cancelled.
	r, err := cancellation.Ignore(t.Context(), workloads.CheckEvery-1, time.Second)
	require.NoError(t, err)
	assert.False(t, r.StillRunning)
	assert.Equal(t, int64(workloads.CheckEvery-1), r.Count)
	assert.Less(t, r.Waited, time.Second, "no need to wait for a goroutine that is done")
	assert.Contains(t, r.Verdict(), "give it more work")
}

func TestIgnoreBadInput(t *testing.T) {
	_, err := cancellation.Ignore(t.Context(), 0, time.Millisecond)
	assert.ErrorContains(t, err, "n must be at least 1")
	_, err = cancellation.Ignore(t.Context(), 10, -time.Millisecond)
	assert.ErrorContains(t, err, "negative wait")
}
