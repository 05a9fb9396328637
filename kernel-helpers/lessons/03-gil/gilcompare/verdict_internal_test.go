package gilcompare

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/history"
)

// cpuResults fabricates a CPU run: sequential at 400 ms, and each other
// strategy at 400 ms divided by its speedup.
func cpuResults(speedups map[string]float64) []bench.Result {
	p := kv("tasks", "4")
	out := []bench.Result{res(CPUName, Sequential, 1, p, 400)}
	if _, ok := speedups["cpython-threads"]; ok {
		out = append(out, res(CPUName, "cpython-sequential", 1, p, 400))
	}
	for _, s := range []string{Goroutines, GILThreads, "cpython-threads", "cpython-processes", "cpython3.13t-threads"} {
		if x, ok := speedups[s]; ok {
			out = append(out, res(CPUName, s, 4, p, 400/x))
		}
	}
	return out
}

func TestSpeedups(t *testing.T) {
	results := cpuResults(map[string]float64{Goroutines: 2, GILThreads: 1, "cpython-threads": 0.5, "cpython-processes": 1.6})
	results = append(results, res(CPUName, "cpython3.13t-threads", 4, nil, 100)) // no baseline of its own: left out
	got := Speedups(results)
	want := []Speedup{
		{Strategy: Goroutines, Baseline: Sequential, Workers: 4, X: 2},
		{Strategy: GILThreads, Baseline: Sequential, Workers: 4, X: 1},
		{Strategy: "cpython-threads", Baseline: "cpython-sequential", Workers: 4, X: 0.5},
		{Strategy: "cpython-processes", Baseline: "cpython-sequential", Workers: 4, X: 1.6},
	}
	require.Len(t, got, len(want))
	for i := range want {
		assert.Equal(t, want[i].Strategy, got[i].Strategy)
		assert.Equal(t, want[i].Baseline, got[i].Baseline)
		assert.Equal(t, want[i].Workers, got[i].Workers)
		assert.InDelta(t, want[i].X, got[i].X, 1e-9)
	}
	assert.Empty(t, Speedups(nil))
}

func TestCPUVerdict(t *testing.T) {
	tests := []struct {
		name     string
		speedups map[string]float64
		procs    int
		want     []string
		not      []string
	}{
		{
			name:     "agrees",
			speedups: map[string]float64{Goroutines: 1.9, GILThreads: 0.98, "cpython-threads": 0.95, "cpython-processes": 1.8},
			procs:    2,
			want:     []string{"threads under the emulated GIL: **0.98×**: no gain", "CPython threads: **0.95×**", "CPython processes: **1.80×**: the tasks ran at the same time", "goroutines, no GIL: **1.90×**", "within 10% of CPython's (+3%)", "That is what a GIL predicts"},
		},
		{
			name:     "threads gained",
			speedups: map[string]float64{Goroutines: 1.9, GILThreads: 1.9},
			procs:    2,
			want:     []string{"not what a GIL predicts", "No CPython figures"},
		},
		{
			name:     "goroutines gained nothing on a busy machine",
			speedups: map[string]float64{Goroutines: 1.1, GILThreads: 1},
			procs:    2,
			want:     []string{"not what a GIL predicts"},
		},
		{
			name:     "one core: nothing can gain",
			speedups: map[string]float64{Goroutines: 1, GILThreads: 1, "cpython-threads": 1, "cpython-processes": 1},
			procs:    1,
			want:     []string{"That is what a GIL predicts", "GOMAXPROCS=1 nothing else could gain"},
		},
		{
			name:     "emulated far from CPython",
			speedups: map[string]float64{Goroutines: 2, GILThreads: 1, "cpython-threads": 0.6, "cpython-processes": 2},
			procs:    2,
			want:     []string{"far from CPython's (+67%)", "That is what a GIL predicts"},
		},
		{
			name:     "a free-threaded build gains",
			speedups: map[string]float64{Goroutines: 2, GILThreads: 1, "cpython-threads": 1, "cpython-processes": 2, "cpython3.13t-threads": 1.9},
			procs:    2,
			want:     []string{"free-threaded cpython3.13t (no GIL) threads: **1.90×**", "That is what a GIL predicts"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			results := cpuResults(tt.speedups)
			if _, ok := tt.speedups["cpython3.13t-threads"]; ok {
				results = append(results, res(CPUName, "cpython3.13t-sequential", 1, nil, 400))
			}
			got := cpuVerdict(results, tt.procs)
			for _, w := range tt.want {
				assert.Contains(t, got, w)
			}
		})
	}
	assert.Contains(t, cpuVerdict(nil, 2), "No verdict")
}

// convoyResults fabricates a convoy run: medians in ms per strategy for
// hogs 0, 1 and 2, with a 1 ms sleep and a 5 ms interval.
func convoyResults(medians map[string][3]float64) []bench.Result {
	var out []bench.Result
	for _, s := range []string{Threads, GILThreads, "cpython-threads", "cpython3.13t-threads"} {
		m, ok := medians[s]
		if !ok {
			continue
		}
		for h, v := range m {
			p := kv("hogs", []string{"0", "1", "2"}[h], "sleep_ms", "1", "switch_interval_ms", "5")
			out = append(out, res(ConvoyName, s, h, p, v, v, v))
		}
	}
	return out
}

func TestConvoyVerdict(t *testing.T) {
	tests := []struct {
		name    string
		medians map[string][3]float64
		procs   int
		want    []string
		not     []string
	}{
		{
			name:    "the convoy effect",
			medians: map[string][3]float64{Threads: {1.1, 1.1, 20}, GILThreads: {1.1, 6.3, 11}, "cpython-threads": {1.1, 6.1, 8}},
			procs:   2,
			want:    []string{"**6.3ms** under the emulated GIL", "**6.1ms** in CPython", "1.1ms without a GIL", "is 6ms", "That is the convoy effect", "With 2 CPU-bound threads and GOMAXPROCS=2, the sleeper without a GIL took 20ms", "preempted a hog"},
		},
		{
			name:    "many cores: the sleeper still gets one",
			medians: map[string][3]float64{Threads: {1.1, 1.1, 1.2}, GILThreads: {1.1, 6.3, 11}},
			procs:   8,
			want:    []string{"That is the convoy effect"},
			not:     []string{"GOMAXPROCS=8"},
		},
		{
			name:    "hogs fill the cores but the sleeper wakes on time",
			medians: map[string][3]float64{Threads: {1.1, 1.1, 1.3}, GILThreads: {1.1, 6.3, 11}},
			procs:   2,
			want:    []string{"got a core promptly"},
		},
		{
			name:    "no convoy under the GIL",
			medians: map[string][3]float64{Threads: {1.1, 1.1, 1.2}, GILThreads: {1.1, 1.2, 1.2}},
			procs:   2,
			want:    []string{"not the convoy effect's pattern"},
		},
		{
			name:    "CPython without a convoy",
			medians: map[string][3]float64{Threads: {1.1, 1.1, 1.2}, GILThreads: {1.1, 6, 11}, "cpython-threads": {1.1, 30, 40}},
			procs:   2,
			want:    []string{"not the convoy effect's pattern"},
		},
		{
			name:    "a free-threaded build does not count against the convoy",
			medians: map[string][3]float64{Threads: {1.1, 1.1, 1.2}, GILThreads: {1.1, 6, 11}, "cpython-threads": {1.1, 6, 8}, "cpython3.13t-threads": {1.1, 1.1, 1.1}},
			procs:   4,
			want:    []string{"1.1ms in free-threaded CPython 3.13t", "That is the convoy effect"},
		},
		{
			name:    "one core: the sleeper without a GIL is not judged",
			medians: map[string][3]float64{Threads: {1.1, 20, 20}, GILThreads: {1.1, 6, 11}},
			procs:   1,
			want:    []string{"That is the convoy effect", "With 1 CPU-bound threads and GOMAXPROCS=1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := convoyVerdict(convoyResults(tt.medians), tt.procs)
			for _, w := range tt.want {
				assert.Contains(t, got, w)
			}
			for _, w := range tt.not {
				assert.NotContains(t, got, w)
			}
		})
	}
	assert.Contains(t, convoyVerdict(nil, 2), "No verdict")
}

func TestConvoyPlot(t *testing.T) {
	svg, err := ConvoyPlot(convoyResults(map[string][3]float64{Threads: {1, 1, 2}, GILThreads: {1, 6, 11}}))
	require.NoError(t, err)
	assert.Contains(t, string(svg), "Go, emulated GIL")
	_, err = ConvoyPlot(nil)
	assert.Error(t, err)
}

// sweepResults fabricates a sweep: for each strategy, medians in ms at
// intervals of 1, 2, 5 and 10 ms beside one hog, with a 1 ms sleep.
func sweepResults(medians map[string][4]float64) []bench.Result {
	var out []bench.Result
	for _, s := range []string{GILThreads, MaxProcs1, "cpython-threads"} {
		m, ok := medians[s]
		if !ok {
			continue
		}
		for i, v := range m {
			p := kv("hogs", "1", "sleep_ms", "1", "switch_interval_ms", []string{"1", "2", "5", "10"}[i])
			out = append(out, res(SweepName, s, 1, p, v))
		}
	}
	return out
}

func TestSweepVerdict(t *testing.T) {
	tests := []struct {
		name    string
		medians map[string][4]float64
		want    string
	}{
		{"follows", map[string][4]float64{GILThreads: {2.1, 3.2, 6.3, 11.4}, "cpython-threads": {2.1, 3.1, 6.1, 11.1}}, "as CPython's handover"},
		{"the emulated GIL strays", map[string][4]float64{GILThreads: {2.1, 3.2, 6.3, 40}}, "not about one switch interval"},
		{"CPython strays", map[string][4]float64{GILThreads: {2.1, 3.2, 6.3, 11}, "cpython-threads": {1.1, 1.1, 1.1, 1.1}}, "not about one switch interval"},
		{"one point", map[string][4]float64{}, "No verdict"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Contains(t, SweepVerdict(sweepResults(tt.medians)), tt.want)
		})
	}
	got := SweepVerdict(sweepResults(map[string][4]float64{GILThreads: {2.1, 3.2, 6.3, 11.4}}))
	assert.Contains(t, got, "2.1ms at a 1 ms interval, 11.4ms at 10 ms")
}

func TestMaxProcsVerdict(t *testing.T) {
	flat := sweepResults(map[string][4]float64{GILThreads: {2, 3, 6, 11}, MaxProcs1: {20, 20.5, 19.8, 20.2}})
	got := MaxProcsVerdict(flat)
	assert.Contains(t, got, "medians 700µs apart")
	assert.Contains(t, got, "(9ms apart)")
	assert.Contains(t, got, "as the two mechanisms predict")

	moving := sweepResults(map[string][4]float64{GILThreads: {2, 3, 6, 11}, MaxProcs1: {2, 3, 6, 11}})
	assert.Contains(t, MaxProcsVerdict(moving), "neither mechanism predicts")
	assert.Contains(t, MaxProcsVerdict(sweepResults(map[string][4]float64{GILThreads: {2, 3, 6, 11}})), "No verdict")
}

func TestSleepVerdict(t *testing.T) {
	p := kv("sleepers", "8", "sleep_ms", "50")
	overlapped := []bench.Result{res(SleepName, Sequential, 1, p, 402), res(SleepName, GILThreads, 8, p, 51), res(SleepName, Goroutines, 8, p, 50.5)}
	got := SleepVerdict(overlapped)
	for _, w := range []string{"8 sleeps of 50ms took **51ms** on 8 threads", "against 402ms one after another", "50.5ms on goroutines", "a GIL released for every wait predicts"} {
		assert.Contains(t, got, w)
	}
	serial := []bench.Result{res(SleepName, Sequential, 1, p, 402), res(SleepName, GILThreads, 8, p, 400)}
	assert.Contains(t, SleepVerdict(serial), "does not predict")
	assert.Contains(t, SleepVerdict(nil), "No verdict")
}

func TestLegend(t *testing.T) {
	tests := map[string]string{
		GILThreads:             "Go, emulated GIL",
		Threads:                "Go, no GIL (Go's scheduler)",
		Goroutines:             "Go, no GIL",
		MaxProcs1:              "Go, GOMAXPROCS=1",
		"cpython-threads":      "CPython",
		"cpython3.13t-threads": "CPython 3.13t",
		"cpython-processes":    "cpython-processes",
		"something":            "something",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) { assert.Equal(t, want, Legend(in)) })
	}
}

func TestPythonReport(t *testing.T) {
	found := []cpython.Interpreter{
		{Name: "python3", Implementation: "CPython", Version: "3.12.3", Path: "/secret/bin/python3"},
		{Name: "python3.13t", Implementation: "CPython", Version: "3.13.1", FreeThreaded: true, Path: "/secret/bin/python3.13t"},
	}
	got := pythonReport(found, nil)
	assert.Contains(t, got, "`python3`: CPython 3.12.3, with the GIL; its results are labelled `cpython-…`")
	assert.Contains(t, got, "`python3.13t`: CPython 3.13.1, free-threaded: no GIL; its results are labelled `cpython3.13t-…`")
	assert.NotContains(t, got, "No free-threaded build")
	assert.NotContains(t, got, "/secret")

	assert.Contains(t, pythonReport(found[:1], nil), "No free-threaded build (python3.13t")
	none := pythonReport(nil, errors.Join(cpython.ErrNoPython))
	assert.Contains(t, none, "**No CPython figures on this machine:**")
	assert.Contains(t, none, "still measures the Go side")
}

func TestSummary(t *testing.T) {
	entry := func(run string, at time.Time, r bench.Result) history.Entry {
		return history.Entry{Time: at, Run: run, Result: r}
	}
	t0 := time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC)
	var entries []history.Entry
	// An older CPU run, then the one the summary must use.
	for _, r := range cpuResults(map[string]float64{Goroutines: 1, GILThreads: 1}) {
		entries = append(entries, entry("old", t0, r))
	}
	for _, r := range cpuResults(map[string]float64{Goroutines: 1.9, GILThreads: 0.97, "cpython-threads": 0.9, "cpython-processes": 1.7}) {
		entries = append(entries, entry("new", t0.Add(time.Minute), r))
	}
	got := Summary(entries)
	for _, w := range []string{"| Go: goroutines, no GIL | 4 | 1.90× | gain |", "| Go: threads under the emulated GIL | 4 | 0.97× | no gain |",
		"| CPython: threads | 4 | 0.90× | no gain |", "| CPython: processes | 4 | 1.70× | gain |", "No convoy run recorded yet"} {
		assert.Contains(t, got, w)
	}
	assert.NotContains(t, got, "1.00×", "the older run must not be used")

	for _, r := range convoyResults(map[string][3]float64{Threads: {1.1, 1.1, 20}, GILThreads: {1.1, 6.3, 11}, "cpython-threads": {1.1, 6.1, 8}}) {
		entries = append(entries, entry("convoy", t0.Add(2*time.Minute), r))
	}
	got = Summary(entries)
	assert.Contains(t, got, "a 1 ms sleep beside one CPU-bound thread took 6.3ms under the emulated GIL, 6.1ms in CPython and 1.1ms without a GIL, at a switch interval of 5 ms.")

	assert.Contains(t, Summary(nil), "No CPU-bound run recorded yet")
}

func TestAboutInterval(t *testing.T) {
	ms := func(f float64) time.Duration { return time.Duration(f * float64(time.Millisecond)) }
	tests := []struct {
		extra, interval time.Duration
		want            bool
	}{
		{ms(5), ms(5), true},
		{ms(2.5), ms(5), true},
		{ms(2.4), ms(5), false},
		{ms(11), ms(5), true},
		{ms(11.1), ms(5), false},
		{ms(2.4), ms(1), true}, // a busy machine's wake-up on a short interval
		{ms(3.1), ms(1), false},
		{0, ms(1), false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, aboutInterval(tt.extra, tt.interval), "extra %v, interval %v", tt.extra, tt.interval)
	}
}
