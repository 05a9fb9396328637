package gilcompare_test

import (
	"concurrencylab/kernel-helpers/cpython/cpythontest"
	"context"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/gil"
	"concurrencylab/kernel-helpers/history"
	"concurrencylab/kernel-helpers/lessons/03-gil/gilcompare"
)

// Sizes small enough that every measurement takes milliseconds: the tests
// check what is measured and how it is labelled, never how fast.
const (
	tinyTask = 2 * time.Millisecond
	tinySize = 2
)

func strategies(results []bench.Result) []string {
	var out []string
	for _, r := range results {
		out = append(out, r.Strategy)
	}
	return out
}

func TestTurns(t *testing.T) {
	before := runtime.GOMAXPROCS(0)
	got, err := gilcompare.Turns(context.Background(), gilcompare.TurnsConfig{
		Modes: []string{gilcompare.GILThreads, gilcompare.Goroutines, gilcompare.MaxProcs1}, Tasks: 3, TaskTime: 5 * time.Millisecond,
	})
	require.NoError(t, err)
	require.Len(t, got, 3)
	assert.Equal(t, before, runtime.GOMAXPROCS(0), "GOMAXPROCS must be restored")
	for _, s := range got {
		t.Run(s.Mode, func(t *testing.T) {
			assert.Equal(t, 3, s.Tasks)
			assert.Positive(t, s.Wall)
			for i := range 3 {
				assert.NotEmpty(t, s.TaskSlices(i), "task %d never ran", i)
			}
			for _, sl := range s.Slices {
				assert.Less(t, sl.Start, sl.End)
				assert.LessOrEqual(t, sl.End, s.Wall)
			}
		})
	}
	// The GIL's one holder at a time, seen in the slices: they never overlap.
	assert.Zero(t, got[0].Overlap(), "two threads ran at once under the GIL")
	assert.Equal(t, gil.DefaultSwitchInterval, got[0].Interval)
	assert.Equal(t, 1, got[2].GOMAXPROCS)
	assert.Zero(t, got[2].Overlap(), "two goroutines ran at once at GOMAXPROCS=1")
}

func TestTurnsBadInput(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		cfg  gilcompare.TurnsConfig
	}{
		{"too many tasks", gilcompare.TurnsConfig{Tasks: gilcompare.MaxTasks + 1}},
		{"negative task time", gilcompare.TurnsConfig{TaskTime: -time.Second}},
		{"unknown mode", gilcompare.TurnsConfig{Modes: []string{"fibers"}}},
		{"negative interval", gilcompare.TurnsConfig{Interval: -time.Millisecond}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := gilcompare.Turns(ctx, tt.cfg)
			assert.Error(t, err)
		})
	}
	_, err := gilcompare.Turns(nil, gilcompare.TurnsConfig{})
	assert.Error(t, err)
}

func TestCPU(t *testing.T) {
	store, err := history.Open(filepath.Join(t.TempDir(), "h.jsonl"))
	require.NoError(t, err)
	got, err := gilcompare.CPU(context.Background(), gilcompare.CPUConfig{
		Tasks: 3, TaskTime: tinyTask, Reps: tinySize, Interval: 2 * time.Millisecond, History: store,
	})
	require.NoError(t, err)
	require.Equal(t, []string{gilcompare.Sequential, gilcompare.Goroutines, gilcompare.GILThreads}, strategies(got))
	for _, r := range got {
		assert.Equal(t, gilcompare.CPUName, r.Name)
		assert.Len(t, r.Samples, tinySize)
		assert.Equal(t, "3", r.Params["tasks"])
		assert.NotEmpty(t, r.Params["n"])
	}
	assert.Equal(t, []int{1, 3, 3}, []int{got[0].Workers, got[1].Workers, got[2].Workers})
	assert.Equal(t, "2", got[2].Params["switch_interval_ms"])

	entries, err := store.Load()
	require.NoError(t, err)
	require.Len(t, entries, 3)
	assert.Equal(t, "switch interval 2ms", entries[0].Label, "a non-default interval labels the run")
}

func TestCPUBadInput(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		cfg  gilcompare.CPUConfig
	}{
		{"negative tasks", gilcompare.CPUConfig{Tasks: -1}},
		{"too many tasks", gilcompare.CPUConfig{Tasks: gilcompare.MaxTasks + 1}},
		{"task time too long", gilcompare.CPUConfig{TaskTime: time.Hour}},
		{"too many reps", gilcompare.CPUConfig{Reps: gilcompare.MaxReps + 1}},
		{"interval too long", gilcompare.CPUConfig{Interval: time.Hour}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := gilcompare.CPU(ctx, tt.cfg)
			assert.Error(t, err)
		})
	}
}

func TestCPUCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := gilcompare.CPU(ctx, gilcompare.CPUConfig{TaskTime: tinyTask, Reps: 1})
	assert.ErrorIs(t, err, context.Canceled)
}

// python3 returns this machine's python3, or skips the test.
func python3(t *testing.T) {
	t.Helper()
	cpythontest.Python3(t)
}

func TestCPUWithPython(t *testing.T) {
	python3(t)
	got, err := gilcompare.CPU(context.Background(), gilcompare.CPUConfig{Tasks: 2, TaskTime: tinyTask, Reps: 1, Python: true})
	require.NoError(t, err)
	assert.Subset(t, strategies(got), []string{"cpython-sequential", "cpython-threads", "cpython-processes"})
	for _, r := range got {
		assert.Equal(t, gilcompare.CPUName, r.Name)
	}
	baselines := 0
	for _, r := range got {
		if strings.HasSuffix(r.Strategy, "sequential") {
			baselines++
		}
	}
	assert.Len(t, gilcompare.Speedups(got), len(got)-baselines, "one speedup per strategy but the baselines")
}

func TestConvoy(t *testing.T) {
	got, err := gilcompare.Convoy(context.Background(), gilcompare.ConvoyConfig{Hogs: []int{0, 1}, Samples: tinySize, Interval: time.Millisecond})
	require.NoError(t, err)
	require.Equal(t, []string{gilcompare.Threads, gilcompare.Threads, gilcompare.GILThreads, gilcompare.GILThreads}, strategies(got))
	for i, r := range got {
		assert.Equal(t, gilcompare.ConvoyName, r.Name)
		assert.Len(t, r.Samples, tinySize)
		assert.Equal(t, []string{"0", "1"}[i%2], r.Params["hogs"])
		assert.Equal(t, "1", r.Params["switch_interval_ms"])
		assert.Equal(t, "1", r.Params["sleep_ms"])
		for _, s := range r.Samples {
			assert.GreaterOrEqual(t, s, time.Millisecond, "no sleep can end before it is due")
		}
	}
}

func TestConvoyWithPython(t *testing.T) {
	python3(t)
	got, err := gilcompare.Convoy(context.Background(), gilcompare.ConvoyConfig{Hogs: []int{1}, Samples: tinySize, Python: true})
	require.NoError(t, err)
	assert.Contains(t, strategies(got), "cpython-threads")
	for _, r := range got {
		assert.Equal(t, gilcompare.ConvoyName, r.Name)
		assert.Equal(t, "5", r.Params["switch_interval_ms"])
	}
}

func TestConvoyBadInput(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		cfg  gilcompare.ConvoyConfig
	}{
		{"empty hogs", gilcompare.ConvoyConfig{Hogs: []int{}}},
		{"negative hogs", gilcompare.ConvoyConfig{Hogs: []int{-1}}},
		{"long sleep", gilcompare.ConvoyConfig{Sleep: time.Hour}},
		{"too many samples", gilcompare.ConvoyConfig{Samples: 1 << 20}},
		{"negative interval", gilcompare.ConvoyConfig{Interval: -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := gilcompare.Convoy(ctx, tt.cfg)
			assert.Error(t, err)
		})
	}
}

func TestSweep(t *testing.T) {
	before := runtime.GOMAXPROCS(0)
	got, err := gilcompare.Sweep(context.Background(), gilcompare.SweepConfig{
		Intervals: []time.Duration{time.Millisecond, 2 * time.Millisecond}, Samples: tinySize, MaxProcs1: true,
	})
	require.NoError(t, err)
	assert.Equal(t, before, runtime.GOMAXPROCS(0), "GOMAXPROCS must be restored")
	require.Equal(t, []string{gilcompare.GILThreads, gilcompare.GILThreads, gilcompare.MaxProcs1, gilcompare.MaxProcs1}, strategies(got))
	for i, r := range got {
		assert.Equal(t, gilcompare.SweepName, r.Name)
		assert.Equal(t, []string{"1", "2"}[i%2], r.Params["switch_interval_ms"])
		assert.Equal(t, "1", r.Params["hogs"])
		assert.Len(t, r.Samples, tinySize)
	}
	svg, err := gilcompare.SweepPlot(got)
	require.NoError(t, err)
	assert.Contains(t, string(svg), "<svg")
}

func TestSweepBadInput(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		cfg  gilcompare.SweepConfig
	}{
		{"no intervals", gilcompare.SweepConfig{Intervals: []time.Duration{}}},
		{"zero interval", gilcompare.SweepConfig{Intervals: []time.Duration{0}}},
		{"too many intervals", gilcompare.SweepConfig{Intervals: make([]time.Duration, gilcompare.MaxIntervals+1)}},
		{"negative hogs", gilcompare.SweepConfig{Hogs: -2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := gilcompare.Sweep(ctx, tt.cfg)
			assert.Error(t, err)
		})
	}
}

func TestSleeps(t *testing.T) {
	got, err := gilcompare.Sleeps(context.Background(), gilcompare.SleepConfig{Sleepers: 4, Sleep: time.Millisecond, Reps: tinySize})
	require.NoError(t, err)
	require.Equal(t, []string{gilcompare.Sequential, gilcompare.GILThreads, gilcompare.Goroutines}, strategies(got))
	for _, r := range got {
		assert.Equal(t, gilcompare.SleepName, r.Name)
		assert.Len(t, r.Samples, tinySize)
		for _, s := range r.Samples {
			assert.GreaterOrEqual(t, s, time.Millisecond, "every strategy waits for at least one sleep")
		}
	}
	for _, s := range got[0].Samples {
		assert.GreaterOrEqual(t, s, 4*time.Millisecond, "four sleeps one after another take four sleeps")
	}
}

func TestSleepsBadInput(t *testing.T) {
	ctx := context.Background()
	for name, cfg := range map[string]gilcompare.SleepConfig{
		"too many sleepers": {Sleepers: gilcompare.MaxSleepers + 1},
		"negative sleep":    {Sleep: -1},
		"negative reps":     {Reps: -1},
		"bad interval":      {Interval: -1},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := gilcompare.Sleeps(ctx, cfg)
			assert.Error(t, err)
		})
	}
}
