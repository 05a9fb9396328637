package strategies_test

import (
	"context"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/amdahl"
	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/lessons/04-threads-vs-processes/strategies"
	"concurrencylab/kernel-helpers/plots"
	"concurrencylab/kernel-helpers/run"
)

func TestWorkerCounts(t *testing.T) {
	for cores, want := range map[int][]int{
		0: {1, 2},
		1: {1, 2},
		2: {1, 2, 3, 4},
		4: {1, 2, 4, 5, 8},
		8: {1, 2, 4, 8, 9, 16},
		6: {1, 2, 4, 6, 7, 8, 12},
	} {
		assert.Equal(t, want, strategies.WorkerCounts(cores), "%d cores", cores)
	}
}

func TestTime(t *testing.T) {
	for _, k := range []strategies.Kind{strategies.Sequential, strategies.Goroutines, strategies.Threads, strategies.ProcessPool} {
		t.Run(k.Name, func(t *testing.T) {
			r, recs, err := strategies.Time(context.Background(), "count", k, 2, run.Work(3, "count", 1000), 2)
			require.NoError(t, err)
			assert.Equal(t, "count", r.Name)
			assert.Equal(t, k.Name, r.Strategy)
			assert.Equal(t, 2, r.Workers)
			assert.Equal(t, "3", r.Params["tasks"])
			assert.Len(t, r.Samples, 2)
			require.Len(t, recs, 3)
			for _, rec := range recs {
				assert.NoError(t, rec.Err)
				assert.Equal(t, float64(1000), rec.Result, "CountTo(1000) counts to 1000")
			}
		})
	}
	_, _, err := strategies.Time(context.Background(), "count", strategies.Kind{Name: "broken"}, 1, nil, 1)
	assert.ErrorContains(t, err, `kind "broken" has no constructor`)
}

func TestSplit(t *testing.T) {
	kinds := []strategies.Kind{strategies.Goroutines, strategies.Threads}
	results, err := strategies.Split(context.Background(), strategies.Sweep{Task: "count", Total: 6000, Workers: []int{1, 3}, Kinds: kinds, Reps: 1})
	require.NoError(t, err)
	require.Len(t, results, 4)
	for i, want := range []struct {
		kind    string
		workers int
		tasks   string
	}{{"goroutines", 1, "1"}, {"OS threads", 1, "1"}, {"goroutines", 3, "3"}, {"OS threads", 3, "3"}} {
		assert.Equal(t, want.kind, results[i].Strategy, "result %d", i)
		assert.Equal(t, want.workers, results[i].Workers, "result %d", i)
		assert.Equal(t, want.tasks, results[i].Params["tasks"], "result %d", i)
	}

	tests := []struct {
		name    string
		total   int64
		workers []int
		kinds   []strategies.Kind
		want    string
	}{
		{"no work", 0, []int{1}, kinds, "total 0"},
		{"no counts", 10, nil, kinds, "no worker counts"},
		{"no kinds", 10, []int{1}, nil, "no kinds"},
		{"zero workers", 10, []int{0}, kinds, "0 workers"},
		{"more workers than work", 2, []int{3}, kinds, "3 workers cannot share 2 iterations"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := strategies.Split(context.Background(), strategies.Sweep{Task: "count", Total: tt.total, Workers: tt.workers, Kinds: tt.kinds, Reps: 1})
			assert.ErrorContains(t, err, tt.want)
		})
	}
	_, err = strategies.Split(context.Background(), strategies.Sweep{Task: "no-such-task", Total: 10, Workers: []int{1}, Kinds: kinds, Reps: 1})
	assert.Error(t, err)
}

func TestSpans(t *testing.T) {
	t0 := time.Now()
	self := os.Getpid()
	recs := []run.Record{
		{Task: 0, Start: t0.Add(5 * time.Millisecond), End: t0.Add(15 * time.Millisecond), PID: self, TID: 11},
		{Task: 1, Start: t0, End: t0.Add(10 * time.Millisecond), PID: self + 1, TID: 99},
		{Task: 2}, // never started
	}
	assert.Equal(t, []plots.Span{
		{Worker: "thread 11", Task: "#0", Start: 5 * time.Millisecond, End: 15 * time.Millisecond},
		{Worker: "process " + strconv.Itoa(self+1), Task: "#1", Start: 0, End: 10 * time.Millisecond},
	}, strategies.Spans("", recs))
	assert.Empty(t, strategies.Spans("x", nil))
	// Two in-process strategies on the same thread get rows of their own.
	a := strategies.Spans(run.NameSequential, recs[:1])
	b := strategies.Spans(run.NameGoroutines, recs[:1])
	require.Len(t, a, 1)
	require.Len(t, b, 1)
	assert.Equal(t, "sequential · thread 11", a[0].Worker)
	assert.NotEqual(t, a[0].Worker, b[0].Worker)
}

func TestVerdicts(t *testing.T) {
	base := bench.Result{Strategy: "sequential", Workers: 1, Samples: []time.Duration{400 * time.Millisecond}}
	results := []bench.Result{
		{Strategy: "goroutines", Workers: 2, Samples: []time.Duration{210 * time.Millisecond}},
		{Strategy: "process pool", Workers: 4, Samples: []time.Duration{250 * time.Millisecond}},
		{Strategy: "empty"},
	}
	v := strategies.Verdicts(base, results, 2)
	assert.Equal(t, "**This machine:** goroutines with 2: 1.90× as fast as sequential, 95% of the ideal 2×, close to it; "+
		"process pool with 4: 1.60× as fast as sequential, 80% of the ideal 2×, close to it; empty: no speedup could be computed.", v)
	results[1].Samples = []time.Duration{300 * time.Millisecond}
	v = strategies.Verdicts(base, results, 2)
	assert.Contains(t, v, "process pool with 4: 1.33× as fast as sequential, 67% of the ideal 2×, well below it;")
	assert.Contains(t, v, "Well below the ideal means")
}

func TestScale(t *testing.T) {
	kinds := []strategies.Kind{strategies.Goroutines, strategies.ProcessPool}
	s, err := strategies.Scale(context.Background(), strategies.Sweep{Task: "sumsqrt", Total: 30000, Workers: []int{1, 2, 3}, Kinds: kinds, Reps: 1}, 2)
	require.NoError(t, err)
	assert.Equal(t, "sequential", s.Base.Strategy)
	assert.Len(t, s.Results, 6)
	assert.Equal(t, "goroutines", s.FitKind)
	require.ErrorIs(t, s.FitErr, amdahl.ErrTooFewPoints, "1 and 2 workers on 2 cores are too few to fit")
	require.Len(t, s.Points, 1, "the 2-worker run; 1 worker says nothing, 3 is past the cores")
	series, err := s.Series()
	require.NoError(t, err)
	require.Len(t, series, 2, "no fit curve without a fit")
	assert.Equal(t, []float64{1, 2, 3}, series[0].X)
	svg, err := s.Plot()
	require.NoError(t, err)
	assert.Contains(t, string(svg), "<svg")
	md := s.Markdown()
	assert.Contains(t, md, "no Amdahl fit is possible on 2 cores")
	assert.Contains(t, md, "(Karp–Flatt): 2 workers ")
	assert.Contains(t, md, "With 3 workers on 2 cores: goroutines ")
	assert.NotContains(t, md, "at most")

	// On "3 cores" the same worker counts give three points: a fit.
	s, err = strategies.Scale(context.Background(), strategies.Sweep{Task: "sumsqrt", Total: 30000, Workers: []int{1, 2, 3}, Kinds: kinds[:1], Reps: 1}, 3)
	require.NoError(t, err)
	require.NoError(t, s.FitErr)
	assert.Equal(t, 3, s.Fit.Points)
	series, err = s.Series()
	require.NoError(t, err)
	require.Len(t, series, 2)
	assert.True(t, strings.HasPrefix(series[1].Name, "Amdahl fit"))
	assert.Contains(t, s.Markdown(), "which predicts")
	assert.NotContains(t, s.Markdown(), "at most")

	_, err = strategies.Scale(context.Background(), strategies.Sweep{Task: "sumsqrt", Total: 100, Workers: []int{1}, Kinds: nil, Reps: 1}, 2)
	assert.ErrorContains(t, err, "no kinds")
	_, err = strategies.Scale(context.Background(), strategies.Sweep{Task: "sumsqrt", Total: 100, Workers: []int{1}, Kinds: kinds, Reps: 1}, 0)
	assert.ErrorContains(t, err, "0 cores")
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := strategies.Time(ctx, "count", strategies.Goroutines, 1, run.Work(1, "count", 10), 1)
	assert.True(t, errors.Is(err, context.Canceled), "got %v", err)
}

func TestTimes(t *testing.T) {
	results := []bench.Result{
		{Strategy: "OS threads", Workers: 10, Samples: []time.Duration{110 * time.Millisecond}},
		{Strategy: "process per task", Workers: 10, Samples: []time.Duration{132 * time.Millisecond}},
	}
	assert.Equal(t, "**This machine:** OS threads with 10 took 110ms; process per task with 10 took 132ms (1.20× the first).",
		strategies.Times(results))
	assert.Contains(t, strategies.Times(nil), "nothing was measured")
}

func TestCompare(t *testing.T) {
	tasks := run.Work(4, "count", 10000)
	c, err := strategies.Compare(context.Background(), "count", tasks,
		[]strategies.Entry{{Kind: strategies.Threads, Workers: 2}, {Kind: strategies.ProcessPerTask, Workers: 4}}, 1)
	require.NoError(t, err)
	require.Len(t, c.Results, 2)
	require.Len(t, c.Records, 2)
	assert.Equal(t, "OS threads", c.Results[0].Strategy)
	assert.Equal(t, 4, c.Results[1].Workers)
	threads, processes := map[int]bool{}, map[int]bool{}
	for _, r := range c.Records[0] {
		assert.Equal(t, os.Getpid(), r.PID, "threads run in this process")
		threads[r.TID] = true
	}
	for _, r := range c.Records[1] {
		assert.NotEqual(t, os.Getpid(), r.PID, "each task in a process of its own")
		processes[r.PID] = true
	}
	assert.LessOrEqual(t, len(threads), 2, "two threads share the four tasks")
	assert.Len(t, processes, 4, "a process per task")
	svg, err := c.Timeline("who ran what")
	require.NoError(t, err)
	assert.Contains(t, string(svg), "process ")
	assert.Contains(t, string(svg), "thread ")

	_, err = strategies.Compare(context.Background(), "count", tasks, nil, 1)
	assert.ErrorContains(t, err, "nothing to compare")
	_, err = strategies.Comparison{}.Timeline("x")
	assert.ErrorContains(t, err, "no task ran")
}
