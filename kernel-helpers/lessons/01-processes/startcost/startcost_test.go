package startcost_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/lessons/01-processes/startcost"
	"concurrencylab/kernel-helpers/memory"
	"concurrencylab/kernel-helpers/worker"
)

// TestMain serves as a worker when a Process start re-executes this binary.
func TestMain(m *testing.M) {
	worker.ServeIfWorker()
	goleak.VerifyTestMain(m)
}

func TestStart(t *testing.T) {
	for _, k := range startcost.Kinds() {
		t.Run(k.String(), func(t *testing.T) {
			require.NoError(t, startcost.Start(t.Context(), k))
		})
	}
	kids, err := memory.Children()
	require.NoError(t, err)
	assert.Empty(t, kids, "every process started was reaped")
	assert.ErrorContains(t, startcost.Start(t.Context(), startcost.Kind(7)), "unknown kind Kind(7)")
}

func TestKindNames(t *testing.T) {
	var names []string
	for _, k := range startcost.Kinds() {
		names = append(names, k.String())
	}
	assert.Equal(t, []string{"goroutine", "OS thread", "process"}, names)
}

func TestSweep(t *testing.T) {
	rs, err := startcost.Sweep(t.Context(), []startcost.Plan{
		{Kind: startcost.Goroutine, Counts: []int{1, 10}},
		{Kind: startcost.Thread, Counts: []int{2}},
		{Kind: startcost.Process, Counts: []int{1}},
	}, 2)
	require.NoError(t, err)
	require.Len(t, rs, 4)
	want := []struct{ strategy, starts string }{{"goroutine", "1"}, {"goroutine", "10"}, {"OS thread", "2"}, {"process", "1"}}
	for i, w := range want {
		assert.Equal(t, "start", rs[i].Name)
		assert.Equal(t, w.strategy, rs[i].Strategy)
		assert.Equal(t, w.starts, rs[i].Params["starts"])
		assert.Len(t, rs[i].Samples, 2)
	}
	kids, err := memory.Children()
	require.NoError(t, err)
	assert.Empty(t, kids)
}

func TestSweepBadInput(t *testing.T) {
	tests := []struct {
		name  string
		plans []startcost.Plan
		want  string
	}{
		{"no plan", nil, "nothing to measure"},
		{"unknown kind", []startcost.Plan{{Kind: -1, Counts: []int{1}}}, "unknown kind"},
		{"zero starts", []startcost.Plan{{Kind: startcost.Goroutine, Counts: []int{0}}}, "count 0 is not in"},
		{"too many starts", []startcost.Plan{{Kind: startcost.Goroutine, Counts: []int{startcost.MaxStarts + 1}}}, "is not in"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := startcost.Sweep(t.Context(), tt.plans, 1)
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

// result builds a Sweep result by hand.
func result(kind string, starts string, samples ...time.Duration) bench.Result {
	return bench.Result{Name: "start", Strategy: kind, Params: map[string]string{"starts": starts}, Samples: samples}
}

func TestSeries(t *testing.T) {
	ms := time.Millisecond
	rs := []bench.Result{
		result("goroutine", "10", ms, 2*ms, 3*ms),
		result("process", "1", 4*ms, 5*ms, 6*ms),
		result("goroutine", "100", 0, 10*ms, 20*ms),
	}
	ss, err := startcost.Series(rs)
	require.NoError(t, err)
	require.Len(t, ss, 2)
	assert.Equal(t, "goroutine", ss[0].Name)
	assert.Equal(t, []float64{10, 100}, ss[0].X)
	assert.Equal(t, []float64{2, 10}, ss[0].Y)
	assert.Equal(t, []float64{1, 1e-6}, ss[0].Low, "a zero time shows as 1 ns on the log axis")
	assert.Equal(t, []float64{3, 20}, ss[0].High)
	assert.Equal(t, "process", ss[1].Name)
	assert.Equal(t, []float64{1}, ss[1].X)

	_, err = startcost.Series(nil)
	assert.Error(t, err)
	_, err = startcost.Series([]bench.Result{{Strategy: "goroutine", Samples: []time.Duration{ms}}})
	assert.ErrorContains(t, err, "no start count")
}

func TestPerStartAndVerdict(t *testing.T) {
	us := time.Microsecond
	rs := []bench.Result{
		result("goroutine", "10", 10*us),
		result("goroutine", "1000", 1000*us), // the largest count is used: 1 µs each
		result("OS thread", "100", 3000*us),  // 30 µs each
		result("process", "10", 30_000*us),   // 3 ms each
	}
	per, err := startcost.PerStart(rs)
	require.NoError(t, err)
	assert.Equal(t, map[string]time.Duration{"goroutine": us, "OS thread": 30 * us, "process": 3 * time.Millisecond}, per)

	v, err := startcost.Verdict(rs)
	require.NoError(t, err)
	assert.Equal(t, "One start, and wait for the end, took a median of: a goroutine 1µs, an OS thread 30µs, a process 3ms. "+
		"One process costs as much as 100 OS threads. One OS thread costs as much as 30 goroutines.", v)

	rs = []bench.Result{result("goroutine", "1000", 1_092_400*time.Nanosecond), result("OS thread", "1", 41_357*time.Nanosecond)}
	v, err = startcost.Verdict(rs)
	require.NoError(t, err)
	assert.Contains(t, v, "a goroutine 1.09µs, an OS thread 41.4µs.", "three significant figures")
	assert.Contains(t, v, "One OS thread costs as much as 38 goroutines.")

	_, err = startcost.Verdict(nil)
	assert.Error(t, err)
}

func TestCheckThreads(t *testing.T) {
	c, err := startcost.CheckThreads(50)
	require.NoError(t, err)
	assert.Equal(t, 50, c.Starts)
	assert.Equal(t, 50, c.Distinct, "each start ran on a thread of its own")
	assert.GreaterOrEqual(t, c.Fresh, 50-c.Before, "all but the threads that existed before were new")
	assert.True(t, c.OK())
	assert.Contains(t, c.String(), "timings measure thread creation")

	_, err = startcost.CheckThreads(0)
	assert.ErrorContains(t, err, "n must be in")
}

func TestThreadCheckString(t *testing.T) {
	c := startcost.ThreadCheck{Starts: 10, Distinct: 3, Fresh: 1, Before: 4, After: 4}
	assert.False(t, c.OK())
	assert.Contains(t, c.String(), "Starts shared threads")
}
