package datarace_test

import (
	"concurrencylab/kernel-helpers/cpython/cpythontest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/lessons/02-threads/datarace"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func skipUnderRace(t *testing.T) {
	t.Helper()
	if raceEnabled {
		t.Skip("runs the unsafe counter, a race on purpose, which the race detector would report")
	}
}

func TestDetectRacy(t *testing.T) {
	r, err := datarace.Detect(t.Context(), datarace.Racy)
	require.NoError(t, err)
	assert.True(t, r.Raced())
	assert.GreaterOrEqual(t, r.Races, 1)
	assert.Equal(t, 66, r.ExitCode)
	assert.Contains(t, r.Output, "count: ", "the program's own output is kept")
	first := r.First()
	assert.True(t, strings.HasPrefix(first, datarace.Warning), first)
	assert.Contains(t, first, "main.go:", "the report names the racing line")
	assert.NotContains(t, first, "==================", "First stops before the closing line")
	assert.NotContains(t, r.Output, "/", "no file path in the output")
	assert.Regexp(t, `^count: \d+ of 2000\n$`, r.Printed(), "the program's own output, without the reports")
}

func TestDetectFixed(t *testing.T) {
	r, err := datarace.Detect(t.Context(), datarace.Fixed)
	require.NoError(t, err)
	assert.False(t, r.Raced())
	assert.Zero(t, r.Races)
	assert.Equal(t, 0, r.ExitCode)
	assert.Equal(t, "count: 2000 of 2000\n", r.Output)
	assert.Empty(t, r.First())
}

func TestDetectErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"empty", "", "empty source"},
		{"does not compile", "package main\n\nfunc main() { nope() }\n", "undefined: nope"},
		{"fails without a race", "package main\n\nimport \"os\"\n\nfunc main() { os.Exit(3) }\n", "exit status 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := datarace.Detect(t.Context(), tt.src)
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

func TestReportFirst(t *testing.T) {
	out := "count: 1\n==================\nWARNING: DATA RACE\nRead at 0x1 by goroutine 7:\n==================\nWARNING: DATA RACE\nsecond\n==================\n"
	r := datarace.Report{Races: 2, Output: out}
	assert.Equal(t, "WARNING: DATA RACE\nRead at 0x1 by goroutine 7:\n", r.First())
	assert.Empty(t, datarace.Report{Output: "count: 2000\n"}.First())
}

func TestPrintedAndDetectVerdict(t *testing.T) {
	racy := datarace.Report{Races: 1, ExitCode: 66,
		Output: "==================\nWARNING: DATA RACE\nRead at 0x1\n==================\ncount: 2000 of 2000\nFound 1 data race(s)\n"}
	fixed := datarace.Report{Output: "count: 2000 of 2000\n"}
	assert.Equal(t, "count: 2000 of 2000\n", racy.Printed())
	assert.Equal(t, "count: 2000 of 2000\n", fixed.Printed())
	assert.Equal(t, `In the racy program the detector reported 1 race(s) (exit code 66); the program itself printed "count: 2000 of 2000". `+
		`In the fixed program it reported none (exit code 0), which printed "count: 2000 of 2000".`, datarace.DetectVerdict(racy, fixed))
	assert.Contains(t, datarace.DetectVerdict(fixed, racy), "reported **no** race this time")
	assert.Contains(t, datarace.DetectVerdict(fixed, racy), "should not happen")
}

func TestMeasureLosses(t *testing.T) {
	t.Run("one goroutine loses nothing", func(t *testing.T) {
		ls, err := datarace.MeasureLosses(t.Context(), []int{1}, 10_000, 3)
		require.NoError(t, err)
		require.Len(t, ls, 1)
		assert.Equal(t, []int64{0, 0, 0}, ls[0].Lost)
		assert.Equal(t, int64(10_000), ls[0].Expected())
	})
	t.Run("several goroutines", func(t *testing.T) {
		skipUnderRace(t)
		ls, err := datarace.MeasureLosses(t.Context(), []int{1, 2, 4}, 10_000, 2)
		require.NoError(t, err)
		require.Len(t, ls, 3)
		for i, g := range []int{1, 2, 4} {
			assert.Equal(t, g, ls[i].Goroutines)
			assert.Equal(t, 10_000, ls[i].Increments)
			require.Len(t, ls[i].Lost, 2)
			for _, lost := range ls[i].Lost {
				assert.GreaterOrEqual(t, lost, int64(0))
				assert.Less(t, lost, ls[i].Expected())
			}
		}
	})
}

func TestMeasureLossesBadInput(t *testing.T) {
	tests := []struct {
		name       string
		goroutines []int
		increments int
		trials     int
		want       string
	}{
		{"no counts", nil, 10, 1, "no goroutine counts"},
		{"no trial", []int{1}, 10, 0, "trials must be 1 to"},
		{"zero goroutines", []int{0}, 10, 1, "at least one goroutine"},
		{"negative increments", []int{1}, -1, 1, "negative number of increments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := datarace.MeasureLosses(t.Context(), tt.goroutines, tt.increments, tt.trials)
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

func TestLossSeries(t *testing.T) {
	ls := []datarace.Losses{
		{Goroutines: 1, Increments: 100, Lost: []int64{0, 0, 0}},
		{Goroutines: 2, Increments: 100, Lost: []int64{50, 10, 30}},
		{Goroutines: 4, Increments: 100, Lost: []int64{100, 200}},
	}
	s, err := datarace.LossSeries(ls)
	require.NoError(t, err)
	assert.Equal(t, []float64{1, 2, 4}, s.X)
	assert.Equal(t, []float64{0, 15, 37.5}, s.Y, "median percent of goroutines × increments")
	assert.Equal(t, []float64{0, 5, 25}, s.Low)
	assert.Equal(t, []float64{0, 25, 50}, s.High)

	_, err = datarace.LossSeries(nil)
	assert.ErrorContains(t, err, "no losses")
	_, err = datarace.LossSeries([]datarace.Losses{{Goroutines: 2, Increments: 1}})
	assert.ErrorContains(t, err, "no trials for 2 goroutines")
}

func TestLossVerdict(t *testing.T) {
	alone := datarace.Losses{Goroutines: 1, Increments: 100, Lost: []int64{0, 0}}
	tests := []struct {
		name string
		ls   []datarace.Losses
		want []string
	}{
		{"every trial lost", []datarace.Losses{alone, {Goroutines: 2, Increments: 100, Lost: []int64{10, 40}}},
			[]string{"exactly in all 2 trials", "**Every** one of the 2 trials", "worst lost 20.0% of the 200 increments of 2 goroutines"}},
		{"some trials lost", []datarace.Losses{{Goroutines: 2, Increments: 100, Lost: []int64{0, 40}}, {Goroutines: 4, Increments: 100, Lost: []int64{0, 0}}},
			[]string{"1 of the 4 trials", "worst 20.0% of 200 increments of 2 goroutines", "just as wrong"}},
		{"none lost", []datarace.Losses{{Goroutines: 2, Increments: 100, Lost: []int64{0, 0, 0}}},
			[]string{"None of the 3 trials", "still there"}},
		{"lone goroutine lost", []datarace.Losses{{Goroutines: 1, Increments: 100, Lost: []int64{0, 3}}},
			[]string{"lost updates in 1 of 2 trials", "should never happen", "nothing could race"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := datarace.LossVerdict(tt.ls)
			for _, w := range tt.want {
				assert.Contains(t, got, w)
			}
		})
	}
}

func TestFixCosts(t *testing.T) {
	skipUnderRace(t)
	rs, err := datarace.FixCosts(t.Context(), 2, 1000, 2)
	require.NoError(t, err)
	var names []string
	for _, r := range rs {
		names = append(names, r.Strategy)
		assert.Equal(t, "counter", r.Name)
		assert.Equal(t, 2, r.Workers)
		assert.Equal(t, "1000", r.Params["increments"])
		assert.Len(t, r.Samples, 2)
	}
	assert.Equal(t, []string{"unsafe", "mutex", "atomic", "channel"}, names)

	_, err = datarace.FixCosts(t.Context(), 0, 1000, 2)
	assert.ErrorContains(t, err, "at least one goroutine")
}

func TestCostTable(t *testing.T) {
	res := func(s string, samples ...time.Duration) bench.Result {
		return bench.Result{Name: "counter", Strategy: s, Workers: 2, Params: map[string]string{"increments": "1000"}, Samples: samples}
	}
	rs := []bench.Result{
		res("unsafe", 4*time.Microsecond, 6*time.Microsecond, 8*time.Microsecond),
		res("atomic", 30*time.Microsecond, 20*time.Microsecond, 40*time.Microsecond),
	}
	md, err := datarace.CostTable(rs)
	require.NoError(t, err)
	rows := strings.Split(strings.TrimSpace(md), "\n")
	require.Len(t, rows, 4)
	assert.Equal(t, "| unsafe | 3.0 | 2.0 – 4.0 | 1.0 |", rows[2])
	assert.Equal(t, "| atomic | 15.0 | 10.0 – 20.0 | 5.0 |", rows[3])

	md, err = datarace.CostTable(rs[1:])
	require.NoError(t, err)
	assert.NotContains(t, md, "× unsafe", "no baseline, no ratio column")

	_, err = datarace.CostTable(nil)
	assert.Error(t, err)
	_, err = datarace.CostTable([]bench.Result{{Strategy: "x", Samples: []time.Duration{1}}})
	assert.ErrorContains(t, err, "no increment count")
}

func TestCostSummary(t *testing.T) {
	res := func(s string, d time.Duration) bench.Result {
		return bench.Result{Strategy: s, Workers: 2, Params: map[string]string{"increments": "1000"}, Samples: []time.Duration{d}}
	}
	us := time.Microsecond
	rs := []bench.Result{res("unsafe", 6*us), res("mutex", 50*us), res("atomic", 20*us), res("channel", 140*us)}
	v, err := datarace.CostSummary(rs)
	require.NoError(t, err)
	assert.Equal(t, "Median time per increment, cheapest first: atomic 10.0 ns, mutex 25.0 ns, channel 70.0 ns. "+
		"The unsafe counter, which gives wrong totals: 3.0 ns.", v)

	v, err = datarace.CostSummary(rs[2:3])
	require.NoError(t, err)
	assert.Equal(t, "Median time per increment, cheapest first: atomic 10.0 ns.", v)

	_, err = datarace.CostSummary(rs[:1])
	assert.ErrorContains(t, err, "no fix")
	_, err = datarace.CostSummary([]bench.Result{{Strategy: "mutex"}})
	assert.ErrorContains(t, err, "no increment count")
}

func TestMeasureLossesOn(t *testing.T) {
	before := runtime.GOMAXPROCS(0)
	ls, err := datarace.MeasureLossesOn(t.Context(), 1, []int{1}, 1000, 2)
	require.NoError(t, err)
	assert.Equal(t, before, runtime.GOMAXPROCS(0), "GOMAXPROCS is restored")
	require.Len(t, ls, 1)
	assert.Equal(t, 1, ls[0].Procs)
	assert.Equal(t, []int64{0, 0}, ls[0].Lost)
	assert.Contains(t, datarace.LossVerdict(ls), "With GOMAXPROCS=1")

	_, err = datarace.MeasureLossesOn(t.Context(), 0, []int{1}, 10, 1)
	assert.ErrorContains(t, err, "must be 1 to")
	_, err = datarace.MeasureLossesOn(t.Context(), 1e12, []int{1}, 10, 1)
	assert.ErrorContains(t, err, "must be 1 to")
	_, err = datarace.MeasureLossesOn(t.Context(), 1, nil, 10, 1)
	assert.ErrorContains(t, err, "no goroutine counts")
}

func TestFixesCountExactly(t *testing.T) {
	// The fixes never lose an update, even under the race detector.
	rs, err := datarace.FixTotals(t.Context(), 4, 5000)
	require.NoError(t, err)
	for name, got := range rs {
		assert.Equal(t, int64(20_000), got, name)
	}
	assert.Len(t, rs, 3)
	_, err = datarace.FixTotals(t.Context(), 0, 10)
	assert.Error(t, err)
}

func TestSource(t *testing.T) {
	for _, name := range []string{"racyLoop", "mutexLoop", "atomicLoop", "channelLoop", "owner"} {
		src, err := datarace.Source(name)
		require.NoError(t, err, name)
		assert.Contains(t, src, "func "+name+"(")
	}
	_, err := datarace.Source("nope")
	assert.ErrorContains(t, err, "racyLoop")
}

func TestGoProcessRace(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the shared-memory program is written for Linux")
	}
	p, err := datarace.GoProcessRace(t.Context(), 2, 100_000, 1)
	require.NoError(t, err)
	require.Len(t, p.Unsafe, 1)
	require.Len(t, p.Safe, 1)
	assert.Equal(t, int64(0), p.Safe[0], "atomic adds on shared memory lose nothing")
	assert.GreaterOrEqual(t, p.Unsafe[0], int64(0))
	assert.Less(t, p.Unsafe[0], p.Expected())

	_, err = datarace.GoProcessRace(t.Context(), 0, 10, 1)
	assert.ErrorContains(t, err, "processes must be 1 to 64")
}

func findPython(t *testing.T) cpython.Interpreter {
	t.Helper()
	py := cpythontest.Python3(t)
	py.Timeout = time.Minute
	return py
}

func TestCPythonRaces(t *testing.T) {
	py := findPython(t)
	r, err := datarace.CPythonThreadRace(t.Context(), py, 2, 10_000, 2)
	require.NoError(t, err)
	assert.Equal(t, int64(20_000), r.Expected)
	assert.Len(t, r.Plain, 2)
	assert.Len(t, r.Split, 2)
	for _, lost := range append(r.Plain, r.Split...) {
		assert.GreaterOrEqual(t, lost, int64(0))
		assert.Less(t, lost, r.Expected)
	}
	assert.NotEmpty(t, r.Python.Version)

	p, err := datarace.CPythonProcessRace(t.Context(), py, 2, 2000, 1)
	require.NoError(t, err)
	assert.Equal(t, []int64{0}, p.Safe, "under the Value's lock nothing is lost")
	require.Len(t, p.Unsafe, 1)
	assert.NotEmpty(t, p.StartMethod)

	_, err = datarace.CPythonThreadRace(t.Context(), py, 0, 10, 1)
	assert.ErrorContains(t, err, "threads must be 1 to 64")
}
