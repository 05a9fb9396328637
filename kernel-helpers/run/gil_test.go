package run

import (
	"context"
	"errors"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/gil"
	"concurrencylab/workloads"
)

// gilBatchWithin runs GILBatch and fails the test if it takes longer than
// limit, instead of hanging.
func gilBatchWithin(t *testing.T, limit time.Duration, ctx context.Context, g *gil.GIL, tasks []Task) batchResult {
	t.Helper()
	ch := make(chan batchResult, 1)
	go func() {
		start := time.Now()
		recs, err := GILBatch(ctx, g, tasks)
		ch <- batchResult{recs, err, time.Since(start)}
	}()
	select {
	case r := <-ch:
		return r
	case <-time.After(limit):
		t.Fatalf("GILBatch still running after %v", limit)
		return batchResult{}
	}
}

func TestGILBatchSameResults(t *testing.T) {
	const n = 20 * workloads.CheckEvery
	for _, name := range []string{"count", "sumsqrt"} {
		t.Run(name, func(t *testing.T) {
			tasks := Work(3, name, n)
			want, err := Batch(context.Background(), Sequential(), tasks)
			require.NoError(t, err)
			r := gilBatchWithin(t, 30*time.Second, context.Background(), gil.New(), tasks)
			require.NoError(t, r.err)
			require.Len(t, r.recs, 3)
			for i, rec := range r.recs {
				assert.Equal(t, want[i].Result, rec.Result, "task %d", i)
				assert.Equal(t, want[i].Name, rec.Name, "task %d", i)
			}
		})
	}
}

func TestGILBatchOneAtATime(t *testing.T) {
	g := gil.New()
	require.NoError(t, g.SetSwitchInterval(100*time.Microsecond))
	var gauge maxGauge
	task := Task{Func: func(ctx context.Context) (any, error) {
		check := gil.CheckFunc(ctx)
		for range 1000 { // about 10 ms: a hundred switch intervals
			gauge.enter()
			//lint:ignore SA4017 the count is the work; CountTo is go:noinline, so the call stays
			workloads.CountTo(workloads.CheckEvery)
			gauge.leave()
			check()
		}
		return nil, nil
	}}
	r := gilBatchWithin(t, 30*time.Second, context.Background(), g, slices.Repeat([]Task{task}, 4))
	require.NoError(t, r.err)
	assert.Equal(t, int64(1), gauge.most.Load(), "most tasks running at once")
	tids := map[int]bool{}
	for _, rec := range r.recs {
		tids[rec.TID] = true
	}
	assert.Len(t, tids, 4, "one OS thread per task")
	if runtime.GOMAXPROCS(0) > 1 {
		// With one P a waiter runs only when Go preempts the holder, every
		// 10 ms, about as long as a task here.
		assert.Greater(t, g.Stats().Switches, int64(4), "the tasks took turns")
	}
}

// TestGILBatchBuiltinCount checks that the built-in "count" lets other
// threads in, as a Python loop does, rather than holding the GIL throughout.
func TestGILBatchBuiltinCount(t *testing.T) {
	if runtime.GOMAXPROCS(0) == 1 {
		t.Skip("with one P a waiter cannot run to ask for the GIL in time")
	}
	//lint:ignore SA4017 the count is the work; CountTo is go:noinline, so the call stays
	n, err := workloads.Calibrate(func(n int64) { workloads.CountTo(n) }, 30*time.Millisecond)
	require.NoError(t, err)
	// A waiter must get a core while a count still runs, which a busy
	// machine may deny it for a whole 30 ms count: double the counts until
	// a drop is seen, five times at most (30 ms to 480 ms). A count that
	// never lets go fails every round.
	var drops int64
	for round := 0; round < 5 && drops == 0; round, n = round+1, 2*n {
		g := gil.New()
		require.NoError(t, g.SetSwitchInterval(time.Millisecond))
		r := gilBatchWithin(t, patience, context.Background(), g, Work(3, "count", n))
		require.NoError(t, r.err)
		for i, rec := range r.recs {
			assert.Equal(t, float64(n), rec.Result, "task %d", i)
		}
		drops = g.Stats().ForcedDrops
	}
	assert.Positive(t, drops, "a waiting thread got the GIL in the middle of a count")
}

// TestGILBatchSleepsOverlap checks that the built-in "sleep" releases the
// GIL: four sleeps end together instead of one after another.
func TestGILBatchSleepsOverlap(t *testing.T) {
	const sleep = 200 * time.Millisecond
	r := gilBatchWithin(t, 30*time.Second, context.Background(), gil.New(), Work(4, "sleep", sleep.String()))
	require.NoError(t, r.err)
	ends := make([]time.Time, len(r.recs))
	for i, rec := range r.recs {
		ends[i] = rec.End
		assert.GreaterOrEqual(t, rec.Duration(), sleep)
	}
	first, last := slices.MinFunc(ends, time.Time.Compare), slices.MaxFunc(ends, time.Time.Compare)
	// Start is read before a thread waits for the GIL, so it cannot show
	// the order; the ends can. One after another, the sleeps would end at
	// least 3 × 200 ms = 600 ms apart from first to last; together, they
	// end within a few GIL handovers, which leaves hundreds of
	// milliseconds for a busy machine's stalls.
	assert.Less(t, last.Sub(first), 3*sleep, "the sleeps overlapped")
}

func TestGILBatchBadInput(t *testing.T) {
	var noContext context.Context
	tests := []struct {
		name  string
		ctx   context.Context
		g     *gil.GIL
		tasks []Task
		want  string
	}{
		{"nil GIL", context.Background(), nil, Work(1, "noop", nil), "needs a GIL"},
		{"nil context", noContext, gil.New(), Work(1, "noop", nil), "needs a context"},
		{"nothing to run", context.Background(), gil.New(), []Task{{Name: "empty"}}, `task 0 "empty": nothing to run`},
		{"unknown worker", context.Background(), gil.New(), Work(1, "no-such-task", nil), "unknown task"},
		{"exit", context.Background(), gil.New(), []Task{{Worker: "exit", Arg: 0}}, "would end or block this process"},
		{"too many threads", context.Background(), gil.New(), Work(MaxThreads+1, "noop", nil), "needs 1 to 1000 threads"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := GILBatch(tt.ctx, tt.g, tt.tasks)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Nil(t, recs)
		})
	}
}

func TestGILBatchFailures(t *testing.T) {
	g := gil.New()
	tasks := []Task{
		{Name: "ok", Worker: "count", Arg: 1000},
		{Name: "boom", Func: func(context.Context) (any, error) { panic("boom") }},
		{Name: "bad arg", Worker: "count", Arg: "many"},
		{Name: "fails", Func: func(context.Context) (any, error) { return nil, errors.New("no such file") }},
	}
	r := gilBatchWithin(t, 30*time.Second, context.Background(), g, tasks)
	require.Error(t, r.err)
	require.Len(t, r.recs, 4)
	assert.NoError(t, r.recs[0].Err)
	assert.Equal(t, float64(1000), r.recs[0].Result)
	var p *PanicError
	assert.ErrorAs(t, r.recs[1].Err, &p)
	assert.ErrorContains(t, r.recs[2].Err, "bad argument")
	assert.ErrorContains(t, r.recs[3].Err, "no such file")
	// Nobody holds the GIL afterwards.
	th := g.Thread()
	th.Acquire()
	assert.NoError(t, th.Release())
}

func TestGILBatchCancel(t *testing.T) {
	t.Run("before", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		r := gilBatchWithin(t, 10*time.Second, ctx, gil.New(), Work(3, "count", 1000))
		require.ErrorIs(t, r.err, context.Canceled)
		for _, rec := range r.recs {
			assert.ErrorIs(t, rec.Err, context.Canceled)
			assert.Nil(t, rec.Result)
		}
	})
	t.Run("during", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		// Counts that would take minutes stop at the next check.
		// gilBatchWithin fails the test if they do not stop within patience.
		r := gilBatchWithin(t, patience, ctx, gil.New(), Work(3, "count", int64(1)<<40))
		require.ErrorIs(t, r.err, context.DeadlineExceeded)
		for _, rec := range r.recs {
			assert.ErrorIs(t, rec.Err, context.DeadlineExceeded)
		}
	})
}

// TestGILThreadsStrategy runs threads under the GIL through Batch, as every
// other strategy runs, so a notebook can put it beside them.
func TestGILThreadsStrategy(t *testing.T) {
	g := gil.New()
	s := GILThreads(g)
	assert.Equal(t, NameGILThreads, s.String())
	assert.True(t, s.InProcess())

	tasks := Work(3, "count", 8*workloads.CheckEvery)
	recs, err := Batch(context.Background(), s, tasks)
	require.NoError(t, err)
	require.Len(t, recs, 3)
	tids := map[int]bool{}
	for i, r := range recs {
		assert.Equal(t, float64(8*workloads.CheckEvery), r.Result, "task %d", i)
		tids[r.TID] = true
	}
	assert.Len(t, tids, 3, "one OS thread per task")
	assert.Positive(t, g.Stats().Acquires)

	_, err = Batch(context.Background(), GILThreads(nil), tasks)
	assert.ErrorContains(t, err, "needs a GIL")
}
