package gilcompare

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/claims"
)

func TestCPUFigures(t *testing.T) {
	res := func(strategy string, d time.Duration, n string) bench.Result {
		return bench.Result{Strategy: strategy, Samples: []time.Duration{d}, Params: map[string]string{"tasks": "2", "n": n}}
	}
	f := CPUFigures([]bench.Result{
		res(Sequential, 200*time.Millisecond, "100000000"), res(GILThreads, 220*time.Millisecond, "100000000"),
		res(Goroutines, 100*time.Millisecond, "100000000"),
		res("cpython-sequential", 200*time.Millisecond, "4000000"), res("cpython-threads", 250*time.Millisecond, "4000000"),
		res("cpython-processes", 110*time.Millisecond, "4000000"), res("cpython3.13t-threads", 100*time.Millisecond, "4000000"),
	})
	assert.Equal(t, 2.0, f["tasks"])
	assert.InDelta(t, 0.25, f["cpython.threads.s"], 1e-9)
	assert.InDelta(t, 0.1, f["cpython.ft.threads.s"], 1e-9)
	assert.InDelta(t, 1.0, f["go.ns_per_step"], 1e-9)
	assert.InDelta(t, 25.0, f["cpython.ns_per_step"], 1e-9)
	assert.Equal(t, claims.Agrees, mustGet(t, "000-no-cpu-gain").Check(f).Outcome)
}

func mustGet(t *testing.T, id string) claims.Claim {
	c, err := claims.Get(id)
	require.NoError(t, err)
	return c
}

func TestSweepFigures(t *testing.T) {
	pt := func(strategy string, iv string, d time.Duration) bench.Result {
		return bench.Result{Strategy: strategy, Samples: []time.Duration{d}, Params: map[string]string{"switch_interval_ms": iv, "sleep_ms": "1", "hogs": "1"}}
	}
	f := SweepFigures([]bench.Result{
		pt(GILThreads, "20", 21*time.Millisecond), pt(GILThreads, "1", 2*time.Millisecond),
		pt("cpython-threads", "1", 2500*time.Microsecond), pt("cpython-threads", "20", 21*time.Millisecond),
	})
	assert.Equal(t, 1.0, f["cpython.sweep.lo.interval_ms"])
	assert.InDelta(t, 1.5, f["cpython.sweep.lo.extra_ms"], 1e-9)
	assert.InDelta(t, 20.0, f["cpython.sweep.hi.extra_ms"], 1e-9)
	assert.InDelta(t, 20.0, f["go.gil.sweep.hi.extra_ms"], 1e-9)
	assert.Equal(t, claims.Disagrees, mustGet(t, "000-ops-or-time").Check(f).Outcome)
}

func TestMedian(t *testing.T) {
	assert.True(t, math.IsNaN(median(nil)))
	assert.Equal(t, 2.0, median([]float64{3, 1, 2}))
	assert.Equal(t, 2.5, median([]float64{4, 1, 2, 3}))
}

func TestWhatRunsBadSettings(t *testing.T) {
	_, err := WhatRuns(context.Background(), WhatRunsConfig{Tasks: -1})
	assert.ErrorContains(t, err, "Tasks must be between 1 and 64, got -1")
	_, err = WhatRuns(nil, WhatRunsConfig{}) //nolint:staticcheck // a nil context is the bad input tested
	assert.ErrorContains(t, err, "context")
}

func TestWhatRunsSmall(t *testing.T) {
	f, err := WhatRuns(context.Background(), WhatRunsConfig{HashMiB: 1, TaskTime: 2 * time.Millisecond, Sleep: time.Millisecond, Steps: 2, Reps: 1})
	require.NoError(t, err)
	assert.True(t, f.Has("cores", "go.hash.seq.s", "go.hash.goroutines.s"))
	if f.Has("cpython.hash.seq.s") {
		assert.True(t, f.Has("cpython.count.threads.s", "cpython.waits.threads.s", "cpython.waits.cpu_s"))
		assert.NotEqual(t, claims.Unmeasured, mustGet(t, "001-one-thread").Check(f).Outcome)
	}
}

func TestIOAndVersionsSmall(t *testing.T) {
	io, err := IO(context.Background(), IOConfig{Sleepers: 2, Sleep: 2 * time.Millisecond, Samples: 2, Reps: 1})
	require.NoError(t, err)
	assert.True(t, io.Figures.Has("go.gil.wake1.ms", "go.gil.io.threads.s"))
	v, err := Versions(context.Background(), VersionsConfig{Tasks: 2, TaskTime: 2 * time.Millisecond, Reps: 1})
	require.NoError(t, err)
	if io.Figures.Has("cpython.io.threads.s") {
		assert.True(t, io.Figures.Has("cpython.wake0.ms", "cpython.wake1.ms"))
		assert.Len(t, io.Results, 5)
		assert.True(t, v.Figures.Has("cpython.minor", "cpython.processes.speedup", "cpython.ft"))
		assert.Contains(t, v.Markdown, "InterpreterPoolExecutor")
	}
}

func TestSource(t *testing.T) {
	src, err := Source("HashGoroutines")
	require.NoError(t, err)
	assert.Contains(t, src, "sha256.Sum256")
}

// alternating returns a GOMAXPROCS=1 schedule of two tasks taking turns of
// the given length, never at once.
func alternating(turn time.Duration, n int) Schedule {
	s := Schedule{Mode: MaxProcs1, Tasks: 2, GOMAXPROCS: 1}
	for i := range n {
		start := time.Duration(i) * turn
		s.Slices = append(s.Slices, Slice{Task: i % 2, Start: start, End: start + turn})
	}
	s.Wall = time.Duration(n) * turn
	return s
}

func TestTurnsVerdictJudgesTheTurnAtMaxProcs1(t *testing.T) {
	assert.Contains(t, TurnsVerdict([]Schedule{alternating(20*time.Millisecond, 10)}), "That is what the two schedulers predict")
	// Never at once, but turns of 2 ms: not Go's preemption.
	assert.Contains(t, TurnsVerdict([]Schedule{alternating(2*time.Millisecond, 100)}), "not the pattern")
	assert.Contains(t, TurnsVerdict([]Schedule{alternating(5*time.Millisecond, 4)}), "too short to judge")
}
