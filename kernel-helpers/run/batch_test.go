package run

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/worker"
	"concurrencylab/workloads"
)

func TestBatchResultsUnderEveryStrategy(t *testing.T) {
	ctx := context.Background()
	pool, err := worker.NewPool(ctx, 2)
	require.NoError(t, err)
	defer pool.Close()

	const n = 7
	tasks := make([]Task, n)
	for i := range tasks {
		tasks[i] = Task{Worker: "count", Arg: 1000 * (i + 1)}
	}
	for _, s := range append(Strategies(2), UsePool(pool), OSThreads(n), GoroutinePool(n+5)) {
		t.Run(s.String(), func(t *testing.T) {
			recs, err := Batch(ctx, s, tasks)
			require.NoError(t, err)
			require.Len(t, recs, n)
			for i, r := range recs {
				assert.Equal(t, i, r.Task, "records are in task order")
				assert.Equal(t, "count", r.Name)
				assert.Equal(t, float64(workloads.CountTo(int64(1000*(i+1)))), r.Result)
				assert.False(t, r.Start.IsZero())
				assert.False(t, r.End.Before(r.Start))
				assert.NotZero(t, r.TID)
				if s.InProcess() {
					assert.Equal(t, os.Getpid(), r.PID)
					if s.kind == goroutines || s.kind == maxProcs {
						assert.Zero(t, r.Goroutine, "a goroutine per task: id not read")
					} else {
						assert.NotZero(t, r.Goroutine)
					}
				} else {
					assert.NotEqual(t, os.Getpid(), r.PID, "ran in a worker process")
					assert.NotZero(t, r.PID)
					assert.Zero(t, r.Goroutine)
				}
			}
		})
	}
	// Batch closed the pools it started; ours is still open.
	assert.ElementsMatch(t, pool.PIDs(), children(t))
}

func TestBatchFuncs(t *testing.T) {
	tasks := make([]Task, 10)
	for i := range tasks {
		tasks[i] = Task{Func: func(context.Context) (any, error) { return i * i, nil }}
	}
	for _, s := range Strategies(3) {
		if !s.InProcess() {
			continue
		}
		t.Run(s.String(), func(t *testing.T) {
			recs, err := Batch(context.Background(), s, tasks)
			require.NoError(t, err)
			for i, r := range recs {
				assert.Equal(t, i*i, r.Result)
				assert.Equal(t, fmt.Sprintf("task %d", i), r.Name)
			}
		})
	}
}

func TestBatchEmpty(t *testing.T) {
	for _, s := range Strategies(2) {
		recs, err := Batch(context.Background(), s, nil)
		assert.NoError(t, err, "%v", s)
		assert.Empty(t, recs)
	}
	noChildren(t)
}

func TestBatchBadInput(t *testing.T) {
	noop := func(context.Context) (any, error) { return nil, nil }
	ok := []Task{{Func: noop}}
	tests := []struct {
		name  string
		ctx   context.Context
		s     Strategy
		tasks []Task
		want  string
	}{
		{"nil context", nil, Sequential(), ok, "needs a context"},
		{"pool of 0", context.Background(), GoroutinePool(0), ok, "needs at least 1"},
		{"negative pool", context.Background(), GoroutinePool(-2), ok, "needs at least 1"},
		{"GOMAXPROCS 0", context.Background(), MaxProcs(0), ok, "GOMAXPROCS must be 1 to"},
		{"no threads", context.Background(), OSThreads(0), ok, "threads"},
		{"too many threads", context.Background(), OSThreads(MaxThreads + 1), ok, "threads"},
		{"no processes", context.Background(), ProcessPool(0), ok, "processes"},
		{"no processes per task", context.Background(), ProcessPerTask(-1), ok, "processes"},
		{"nil pool", context.Background(), UsePool(nil), ok, "nil"},
		{"nothing to run", context.Background(), Goroutines(), []Task{{Name: "empty"}}, "set Func or Worker"},
		{"unknown worker task", context.Background(), Goroutines(), []Task{{Worker: "no-such-task"}}, "unknown task"},
		{"func in a process", context.Background(), ProcessPool(1), ok, "cannot cross a process boundary"},
		{"exit in this process", context.Background(), Sequential(), []Task{{Worker: "exit", Arg: 1}}, "would end or block"},
		{"hang in this process", context.Background(), GoroutinePool(2), []Task{{Worker: "hang"}}, "would end or block"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := Batch(tt.ctx, tt.s, tt.tasks)
			assert.ErrorContains(t, err, tt.want)
			assert.Nil(t, recs)
		})
	}
	noChildren(t)
}

func TestGoroutinePoolLimit(t *testing.T) {
	for _, n := range []int{1, 3} {
		t.Run(fmt.Sprintf("n=%d", n), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			var g maxGauge
			full := newBarrier(n)
			tasks := make([]Task, 20)
			for i := range tasks {
				tasks[i].Func = func(ctx context.Context) (any, error) {
					g.enter()
					defer g.leave()
					if err := full.wait(ctx); err != nil {
						return nil, err
					}
					return workloads.CountTo(10_000), nil
				}
			}
			recs, err := Batch(ctx, GoroutinePool(n), tasks)
			require.NoError(t, err, "all %d pool goroutines were running at once", n)
			assert.Equal(t, int64(n), g.most.Load(), "the most tasks running at once")
			var ids []uint64
			for _, r := range recs {
				ids = append(ids, r.Goroutine)
			}
			slices.Sort(ids)
			assert.Len(t, slices.Compact(ids), n, "n goroutines ran the tasks")
		})
	}
}

func TestProcessPoolLimit(t *testing.T) {
	const n = 2
	recs, err := Batch(context.Background(), ProcessPool(n), Work(8, "sleep", "20ms"))
	require.NoError(t, err)
	assert.LessOrEqual(t, maxOverlap(recs), n)
	pids := map[int]bool{}
	for _, r := range recs {
		pids[r.PID] = true
	}
	assert.Len(t, pids, n, "each of the n workers ran tasks")
	noChildren(t)
}

// maxOverlap is the most records whose [Start, End] intervals overlap.
func maxOverlap(recs []Record) int {
	type edge struct {
		at    time.Time
		delta int
	}
	var edges []edge
	for _, r := range recs {
		edges = append(edges, edge{r.Start, +1}, edge{r.End, -1})
	}
	slices.SortFunc(edges, func(a, b edge) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		return b.delta - a.delta
	})
	running, most := 0, 0
	for _, e := range edges {
		running += e.delta
		most = max(most, running)
	}
	return most
}

func TestOSThreadsAreDistinctThreads(t *testing.T) {
	const n = 4
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	all := newBarrier(n)
	tasks := make([]Task, n)
	for i := range tasks {
		tasks[i].Func = func(ctx context.Context) (any, error) {
			if err := all.wait(ctx); err != nil {
				return nil, err
			}
			return gettid(), nil // after waiting: a locked goroutine is still on its thread
		}
	}
	recs, err := Batch(ctx, OSThreads(n), tasks)
	require.NoError(t, err, "all %d tasks ran at once", n)
	tids := map[int]bool{}
	for _, r := range recs {
		tids[r.TID] = true
		assert.Equal(t, r.TID, r.Result, "the task never left its thread")
	}
	assert.Len(t, tids, n, "each running task had an OS thread of its own")
}

func TestMaxProcs(t *testing.T) {
	before := runtime.GOMAXPROCS(0)
	procs := func(context.Context) (any, error) {
		runtime.Gosched()
		return runtime.GOMAXPROCS(0), nil
	}

	t.Run("set and restored", func(t *testing.T) {
		recs, err := Batch(context.Background(), MaxProcs(1), []Task{{Func: procs}, {Func: procs}})
		require.NoError(t, err)
		for _, r := range recs {
			assert.Equal(t, 1, r.Result)
		}
		assert.Equal(t, before, runtime.GOMAXPROCS(0))
	})
	t.Run("restored after a panic", func(t *testing.T) {
		boom := func(context.Context) (any, error) { panic("boom") }
		recs, err := Batch(context.Background(), MaxProcs(1), []Task{{Func: boom}, {Func: procs}})
		var pe *PanicError
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, "boom", pe.Value)
		assert.Equal(t, 1, recs[1].Result, "the other task's result is kept")
		assert.Equal(t, before, runtime.GOMAXPROCS(0))
	})
	t.Run("concurrent batches take turns", func(t *testing.T) {
		const rounds = 20
		var wg sync.WaitGroup
		seen := make([][]any, 2)
		errs := make([]error, 2)
		for k, p := range []int{1, 3} {
			wg.Go(func() {
				for range rounds {
					recs, err := Batch(context.Background(), MaxProcs(p), []Task{{Func: procs}, {Func: procs}, {Func: procs}})
					if err != nil {
						errs[k] = err
						return
					}
					for _, r := range recs {
						seen[k] = append(seen[k], r.Result)
					}
				}
			})
		}
		wg.Wait()
		require.NoError(t, errors.Join(errs...))
		for k, p := range []int{1, 3} {
			assert.Equal(t, slices.Repeat([]any{p}, 3*rounds), seen[k], "every task of a MaxProcs(%d) batch saw GOMAXPROCS %d", p, p)
		}
		assert.Equal(t, before, runtime.GOMAXPROCS(0))
	})
}

func TestStrategyNames(t *testing.T) {
	tests := []struct {
		s           Strategy
		shown, name string
		workers     int
	}{
		{Strategy{}, "sequential", NameSequential, 1},
		{Goroutines(), "goroutines", NameGoroutines, 0},
		{GoroutinePool(3), "goroutine pool (3)", NameGoroutinePool, 3},
		{OSThreads(2), "OS threads (2)", NameOSThreads, 2},
		{MaxProcs(1), "GOMAXPROCS-limited (1)", NameMaxProcs, 1},
		{ProcessPool(2), "process pool (2)", NameProcessPool, 2},
		{ProcessPerTask(5), "process per task (5)", NameProcessPerTask, 5},
		{GILThreads(nil), "GIL threads", NameGILThreads, 0},
	}
	for _, tt := range tests {
		t.Run(tt.shown, func(t *testing.T) {
			assert.Equal(t, tt.shown, tt.s.String())
			assert.Equal(t, tt.name, tt.s.Name())
			assert.Equal(t, tt.workers, tt.s.Workers())
		})
	}
}

func TestGoid(t *testing.T) {
	here := goid()
	assert.NotZero(t, here)
	assert.Equal(t, here, goid(), "the same goroutine")
	other := make(chan uint64)
	go func() { other <- goid() }()
	assert.NotEqual(t, here, <-other)
}
