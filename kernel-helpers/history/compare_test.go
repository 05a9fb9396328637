package history

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/bench"
)

func withGOMAXPROCS(e Entry, n int) Entry {
	e.Machine.GOMAXPROCS = n
	return e
}

func TestEntry_Settings(t *testing.T) {
	base := entry("r", t0, "", result("a", "s", 1, 1)) // 4 cores, GOMAXPROCS=4
	labelled := func(l string) Entry { e := base; e.Label = l; return e }
	tests := []struct {
		name string
		e    Entry
		want string
	}{
		{"defaults", base, ""},
		{"label only", labelled("cold cache"), "cold cache"},
		{"GOMAXPROCS below the cores", withGOMAXPROCS(base, 1), "GOMAXPROCS=1"},
		{"label and GOMAXPROCS", withGOMAXPROCS(labelled("cold cache"), 2), "cold cache, GOMAXPROCS=2"},
		{"label already says GOMAXPROCS", withGOMAXPROCS(labelled("GOMAXPROCS=1"), 1), "GOMAXPROCS=1"},
		{"no machine header", Entry{Label: "x"}, "x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.e.Settings())
		})
	}
}

// names returns the Name and Strategy of each result, one string each.
func names(rs []bench.Result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Name+" | "+r.Strategy)
	}
	return out
}

func TestCompare(t *testing.T) {
	displayZone = time.UTC
	t.Cleanup(func() { displayZone = time.Local })

	ms := time.Millisecond
	entries := []Entry{
		entry("r1", t0, "", result("sumsqrt", "sequential", 1, 30*ms)),
		entry("r1", t0, "", result("sumsqrt", "goroutines", 4, 9*ms)),
		withGOMAXPROCS(entry("r2", t0.Add(2*time.Minute), "", result("sumsqrt", "goroutines", 4, 28*ms)), 1),
		entry("r3", t0.Add(5*time.Minute), "", result("sumsqrt", "sequential", 1, 31*ms)),
		entry("r3", t0.Add(5*time.Minute), "", result("sumsqrt", "goroutines", 4, 10*ms)),
		// The same variant twice in one run: one result with both samples.
		entry("r3", t0.Add(5*time.Minute+time.Second), "", result("sumsqrt", "goroutines", 4, 11*ms)),
		entry("r4", t0.Add(9*time.Minute), "", result("sumsqrt", "goroutines", 4, 8*ms)),
	}
	got := Compare(entries)
	assert.Equal(t, []string{
		"run 1 (05:12) | sequential",
		"run 1 (05:12) | goroutines",
		"run 3 (05:17) | sequential",
		"run 3 (05:17) | goroutines",
		"latest run (05:21) | goroutines",
		"run 2 (05:14)\nGOMAXPROCS=1 | goroutines",
	}, names(got))
	assert.Equal(t, []time.Duration{10 * ms, 11 * ms}, got[3].Samples)
	assert.Equal(t, 4, got[3].Workers)

	// Compare copies: changing its output leaves the entries alone.
	got[3].Samples[0] = 0
	assert.Equal(t, 10*ms, entries[4].Result.Samples[0])
}

func TestCompare_thisRunAndDates(t *testing.T) {
	displayZone = time.UTC
	t.Cleanup(func() { displayZone = time.Local })

	entries := []Entry{
		entry("old", t0.Add(-24*time.Hour), "", result("x", "s", 1, 1)),
		entry(ThisRun(), t0, "", result("x", "s", 1, 2)),
	}
	assert.Equal(t, []string{
		"run 1 (Mar 3 05:12) | s",
		"this run (Mar 4 05:12) | s",
	}, names(Compare(entries)))
	assert.Nil(t, Compare(nil))
}

func TestCompare_sweepKeepsParamsApart(t *testing.T) {
	withN := func(e Entry, n string) Entry {
		e.Result.Params = map[string]string{"n": n}
		return e
	}
	entries := []Entry{
		withN(entry("r1", t0, "", result("x", "s", 1, 1)), "10"),
		withN(entry("r1", t0, "", result("x", "s", 1, 2)), "20"),
		withN(entry("r1", t0, "", result("x", "s", 1, 3)), "10"),
	}
	got := Compare(entries)
	require.Len(t, got, 2)
	assert.Equal(t, "10", got[0].Params["n"])
	assert.Equal(t, []time.Duration{1, 3}, got[0].Samples)
	assert.Equal(t, "20", got[1].Params["n"])
}

func TestLast(t *testing.T) {
	var entries []Entry
	// Runs 1..4, two entries each, appended out of time order for run 3.
	for _, r := range []struct {
		run string
		min int
	}{{"r1", 0}, {"r2", 1}, {"r4", 3}, {"r3", 2}} {
		at := t0.Add(time.Duration(r.min) * time.Minute)
		entries = append(entries,
			entry(r.run, at, "", result("x", "a", 1, 1)),
			entry(r.run, at, "", result("x", "b", 1, 1)))
	}
	runsOf := func(es []Entry) []string {
		var out []string
		for _, e := range es {
			if len(out) == 0 || out[len(out)-1] != e.Run {
				out = append(out, e.Run)
			}
		}
		return out
	}
	tests := []struct {
		n    int
		want []string
	}{
		{0, nil},
		{-1, nil},
		{1, []string{"r4"}},
		{2, []string{"r4", "r3"}},
		{4, []string{"r1", "r2", "r4", "r3"}},
		{10, []string{"r1", "r2", "r4", "r3"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.want, ","), func(t *testing.T) {
			assert.Equal(t, tt.want, runsOf(Last(entries, tt.n)))
		})
	}
}

func TestPlot(t *testing.T) {
	displayZone = time.UTC
	t.Cleanup(func() { displayZone = time.Local })

	_, err := Plot("nothing", nil)
	assert.Error(t, err)

	entries := []Entry{
		entry("r1", t0, "", result("sumsqrt", "goroutines", 4, 9*time.Millisecond, 10*time.Millisecond)),
		entry("r2", t0.Add(time.Minute), "", result("sumsqrt", "goroutines", 4, 8*time.Millisecond)),
	}
	svg, err := Plot("sumsqrt", entries)
	require.NoError(t, err)
	assert.Contains(t, string(svg), "<svg")
	assert.Contains(t, string(svg), "run 1 (05:12)")
	assert.Contains(t, string(svg), "latest run (05:13)")
}

func TestStore_Plot(t *testing.T) {
	s, _ := tempStore(t)
	_, err := s.Plot("sumsqrt")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `nothing recorded for "sumsqrt" in results.jsonl`)
	assert.NotContains(t, err.Error(), s.Path())

	for i := range PlotRuns + 2 {
		run := "r" + string(rune('a'+i))
		require.NoError(t, s.Append(entry(run, t0.Add(time.Duration(i)*time.Minute), "", result("sumsqrt", "goroutines", 4, time.Millisecond))))
	}
	svg, err := s.Plot("sumsqrt")
	require.NoError(t, err)
	assert.Contains(t, string(svg), fmt.Sprintf("last %d of %d runs", PlotRuns, PlotRuns+2))
	assert.NotContains(t, string(svg), "run 2 (", "the oldest runs are left out")
	assert.Contains(t, string(svg), "run 3 (")
}
