package cancellation_test

import (
	"concurrencylab/kernel-helpers/cpython/cpythontest"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"concurrencylab/kernel-helpers/claims"
	"concurrencylab/kernel-helpers/cpython"
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
	ms, us := time.Millisecond, time.Microsecond
	small := cancellation.Latencies{CheckEvery: 1000, Stops: []time.Duration{4 * us}}
	for _, tc := range []struct {
		name string
		ls   []cancellation.Latencies
		want []string
	}{
		{"nothing", nil, []string{"No stop was measured."}},
		{"grows", []cancellation.Latencies{{CheckEvery: 10_000_000, Stops: []time.Duration{30 * ms, 29 * ms, 31 * ms}}, small},
			[]string{"A goroutine checking every 1,000 iterations stopped a median 4µs after cancel() (at worst 4µs)",
				"one checking every 10,000,000 iterations stopped a median 30ms after cancel() (at worst 31ms)",
				"Every trial stopped, and 1e+04× rarer checks made the delay 7.5e+03× longer"}},
		{"does not grow", []cancellation.Latencies{{CheckEvery: 100_000, Stops: []time.Duration{5 * us}}, small},
			[]string{"only 1.25× longer", "something else than the check interval"}},
		{"intervals too close", []cancellation.Latencies{{CheckEvery: 2000, Stops: []time.Duration{8 * us}}, small},
			[]string{"differ only 2×"}},
		{"one interval", []cancellation.Latencies{small}, []string{"not measured"}},
		{"no trial stopped", []cancellation.Latencies{{CheckEvery: 5}, small}, []string{"no trial stopped"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := cancellation.Verdict(tc.ls)
			for _, w := range tc.want {
				assert.Contains(t, got, w)
			}
		})
	}
}

func TestGrowthAndMedians(t *testing.T) {
	ls := []cancellation.Latencies{
		{CheckEvery: 100, Stops: []time.Duration{time.Millisecond, 3 * time.Millisecond, 2 * time.Millisecond}},
		{CheckEvery: 10_000, Stops: []time.Duration{20 * time.Millisecond}},
		{CheckEvery: 7},
	}
	d, k, ok := cancellation.Growth(ls)
	require.True(t, ok)
	assert.Equal(t, 10.0, d)
	assert.Equal(t, 100.0, k)
	_, _, ok = cancellation.Growth(ls[:1])
	assert.False(t, ok)
	lo, hi, ok := cancellation.MedianMS(ls)
	require.True(t, ok)
	assert.Equal(t, 2.0, lo)
	assert.Equal(t, 20.0, hi)
	_, _, ok = cancellation.MedianMS(ls[2:])
	assert.False(t, ok)
}

func TestCPython(t *testing.T) {
	py := cpythontest.Python3(t)
	py.Timeout = time.Minute
	r, err := cancellation.CPython(t.Context(), py, []int64{100, 10_000}, 2, 20*time.Millisecond)
	require.NoError(t, err)
	assert.Empty(t, r.KillMethods, "threading.Thread has no kill method")
	require.Len(t, r.Stops, 2)
	for _, l := range r.Stops {
		assert.Len(t, l.Stops, 2)
	}
	assert.True(t, r.IgnoredRunning, "a thread that never checks runs on")

	_, err = cancellation.CPython(t.Context(), py, nil, 1, time.Second)
	assert.ErrorContains(t, err, "need check intervals")
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
	assert.ErrorContains(t, err, "n must be 1 to")
	_, err = cancellation.Ignore(t.Context(), 10, -time.Millisecond)
	assert.ErrorContains(t, err, "negative wait")
}

func TestStoppingFiguresAndMarkdown(t *testing.T) {
	us := time.Microsecond
	s := cancellation.Stopping{
		Go:      []cancellation.Latencies{{CheckEvery: 1000, Stops: []time.Duration{2 * us}}, {CheckEvery: 100_000, Stops: []time.Duration{200 * us}}},
		Ignored: cancellation.Ignored{N: 10, StillRunning: true, Count: 10},
		PyErr:   cpython.ErrNoPython,
	}
	assert.Equal(t, claims.Figures{"go.ignored.running": 1, "go.stop.small.ms": 0.002, "go.stop.large.ms": 0.2}, s.Figures())
	md := s.Markdown()
	assert.Contains(t, md, "| 1,000 | 2µs (2µs) | — |")
	assert.Contains(t, md, "no python3")

	s.PyErr = nil
	s.Py = cancellation.PyStop{KillMethods: []string{}, IgnoredRunning: true, Waited: 50 * time.Millisecond,
		Stops: []cancellation.Latencies{{CheckEvery: 1000, Stops: []time.Duration{100 * us}}, {CheckEvery: 100_000, Stops: []time.Duration{time.Millisecond}}}}
	f := s.Figures()
	assert.Equal(t, 0.0, f["cpython.kill.methods"])
	assert.Equal(t, 1.0, f["cpython.ignored.running"])
	assert.Equal(t, 1.0, f["cpython.stop.large.ms"])
	md = s.Markdown()
	assert.Contains(t, md, "| 100,000 | 200µs (200µs) | 1ms (1ms) |")
	assert.Contains(t, md, "none of kill, terminate")
	s.PyErr = errors.New("boom")
	assert.Contains(t, s.Markdown(), "not run: boom")
}

func TestCompareStops(t *testing.T) {
	n, err := workloads.Calibrate(func(n int64) { workloads.CountTo(n) }, 60*time.Millisecond)
	require.NoError(t, err)
	s, err := cancellation.CompareStops(t.Context(), nil, []int64{100, 10_000}, 2, n, 10*time.Millisecond)
	require.NoError(t, err)
	assert.Len(t, s.Go, 2)
	assert.ErrorIs(t, s.PyErr, cpython.ErrNoPython)
	_, err = cancellation.CompareStops(t.Context(), nil, nil, 2, n, time.Millisecond)
	assert.Error(t, err)
}

func TestSource(t *testing.T) {
	src, err := cancellation.Source("stopOnce")
	require.NoError(t, err)
	assert.Contains(t, src, "ctx.Done()")
}
