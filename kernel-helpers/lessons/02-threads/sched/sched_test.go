package sched_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"concurrencylab/kernel-helpers/lessons/02-threads/sched"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func TestThreadCounts(t *testing.T) {
	cs, err := sched.ThreadCounts([]int{1, 1000}, 50)
	require.NoError(t, err)
	require.Len(t, cs, 3, "two plain groups, one locked (1000 > maxLocked)")
	assert.Equal(t, sched.Count{Goroutines: 1, Locked: false, Threads: cs[0].Threads}, cs[0])
	assert.Equal(t, 1000, cs[1].Goroutines)
	assert.False(t, cs[1].Locked)
	assert.Less(t, cs[1].Threads, 1000, "parked goroutines do not each hold a thread")
	assert.Equal(t, 1, cs[2].Goroutines)
	assert.True(t, cs[2].Locked)

	cs, err = sched.ThreadCounts([]int{40}, 40)
	require.NoError(t, err)
	require.Len(t, cs, 2)
	assert.GreaterOrEqual(t, cs[1].Threads, 40, "each locked goroutine holds a thread of its own")
}

func TestThreadCountsBadInput(t *testing.T) {
	tests := []struct {
		name      string
		counts    []int
		maxLocked int
		want      string
	}{
		{"no counts", nil, 10, "no goroutine counts"},
		{"zero goroutines", []int{0}, 10, "cannot park 0 goroutines"},
		{"too many locked", []int{1}, 1 << 20, "at most"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sched.ThreadCounts(tt.counts, tt.maxLocked)
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

func TestCountSeries(t *testing.T) {
	cs := []sched.Count{
		{Goroutines: 10, Threads: 5}, {Goroutines: 100, Threads: 6},
		{Goroutines: 10, Locked: true, Threads: 15},
	}
	ss, err := sched.CountSeries(cs)
	require.NoError(t, err)
	require.Len(t, ss, 2)
	assert.Equal(t, []float64{10, 100}, ss[0].X)
	assert.Equal(t, []float64{5, 6}, ss[0].Y)
	assert.Equal(t, []float64{10}, ss[1].X)
	assert.Equal(t, []float64{15}, ss[1].Y)

	ss, err = sched.CountSeries(cs[:2])
	require.NoError(t, err)
	assert.Len(t, ss, 1, "no locked counts, no locked series")

	_, err = sched.CountSeries(nil)
	assert.Error(t, err)
}

func TestCountVerdict(t *testing.T) {
	tests := []struct {
		name string
		cs   []sched.Count
		want []string
	}{
		{"flat", []sched.Count{{Goroutines: 10, Threads: 5}, {Goroutines: 10000, Threads: 6}, {Goroutines: 100, Locked: true, Threads: 105}},
			[]string{"From 10 to 10000 parked goroutines", "between 5 and 6 OS threads (GOMAXPROCS = 2)", "about the same", "100 goroutines needed 105 threads: one each"}},
		{"constant", []sched.Count{{Goroutines: 10, Threads: 5}, {Goroutines: 100, Threads: 5}},
			[]string{"had 5 OS threads every time (GOMAXPROCS = 2)"}},
		{"growing", []sched.Count{{Goroutines: 10, Threads: 5}, {Goroutines: 10000, Threads: 500}},
			[]string{"more than expected"}},
		{"locked short", []sched.Count{{Goroutines: 10, Threads: 5}, {Goroutines: 100, Locked: true, Threads: 50}},
			[]string{"should not happen"}},
		{"nothing", nil, []string{"No plain goroutines"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sched.CountVerdict(tt.cs, 2)
			for _, w := range tt.want {
				assert.Contains(t, got, w)
			}
		})
	}
}

func TestTrace(t *testing.T) {
	for _, locked := range []bool{false, true} {
		name := map[bool]string{false: "plain", true: "locked"}[locked]
		t.Run(name, func(t *testing.T) {
			const goroutines, steps = 4, 3
			tr, err := sched.Trace(t.Context(), goroutines, steps, 10_000, locked)
			require.NoError(t, err)
			require.Len(t, tr, goroutines*steps)
			perG := map[int]int{}
			for _, s := range tr {
				perG[s.Goroutine]++
				assert.Positive(t, s.TID)
				assert.Positive(t, s.EndTID)
				assert.LessOrEqual(t, s.Start, s.End)
			}
			assert.Equal(t, map[int]int{0: steps, 1: steps, 2: steps, 3: steps}, perG)
			assert.True(t, slices.IsSortedFunc(tr, func(a, b sched.Step) int { return int(a.Start - b.Start) }), "sorted by start")
			sum := sched.Summarize(tr)
			assert.Equal(t, goroutines, sum.Goroutines)
			if locked {
				assert.Equal(t, goroutines, sum.Threads, "a locked goroutine has a thread of its own")
				assert.Zero(t, sum.Moved, "a locked goroutine never moves")
			}
		})
	}
}

func TestTraceBadInput(t *testing.T) {
	tests := []struct {
		name              string
		goroutines, steps int
		n                 int64
		want              string
	}{
		{"no goroutine", 0, 1, 1, "goroutines must be"},
		{"too many goroutines", sched.MaxTraceGoroutines + 1, 1, 1, "goroutines must be"},
		{"no step", 1, 0, 1, "steps must be"},
		{"too many steps", 1, sched.MaxTraceSteps + 1, 1, "steps must be"},
		{"no work", 1, 1, 0, "work per step"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sched.Trace(t.Context(), tt.goroutines, tt.steps, tt.n, false)
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

func TestSummarizeAndSpans(t *testing.T) {
	ms := time.Millisecond
	tr := []sched.Step{
		{Goroutine: 0, TID: 7, EndTID: 7, Start: 0, End: ms},
		{Goroutine: 1, TID: 8, EndTID: 8, Start: 0, End: 2 * ms},
		{Goroutine: 0, TID: 8, EndTID: 8, Start: 2 * ms, End: 3 * ms},
		{Goroutine: 2, TID: 7, EndTID: 9, Start: ms, End: 3 * ms},
	}
	sum := sched.Summarize(tr)
	assert.Equal(t, sched.Summary{Goroutines: 3, Threads: 3, Moved: 2}, sum)
	assert.Equal(t, "3 goroutines ran on 3 OS threads; 2 of them moved from one thread to another.", sum.String())

	spans, err := sched.Spans(tr)
	require.NoError(t, err)
	require.Len(t, spans, 4)
	assert.Equal(t, "tid 8", spans[2].Worker)
	assert.Equal(t, "g0", spans[2].Task)
	assert.Equal(t, 2*ms, spans[2].Start)
	assert.Equal(t, 3*ms, spans[2].End)

	_, err = sched.Spans(nil)
	assert.Error(t, err)
}
