package gil_test

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/gil"
	"concurrencylab/workloads"
)

func TestRunOneAtATime(t *testing.T) {
	g := gil.New()
	require.NoError(t, g.SetSwitchInterval(100*time.Microsecond))
	var h holders
	var ran atomic.Int64
	counted := func(th *gil.Thread) {
		for range 1000 { // about 10 ms, a hundred switch intervals
			h.enter()
			//lint:ignore SA4017 the count is the work; CountTo is go:noinline, so the call stays
			workloads.CountTo(workloads.CheckEvery)
			h.leave()
			th.Check()
		}
		ran.Add(1)
	}
	spans, err := g.Run(context.Background(), counted, counted, counted, counted, counted, counted)
	require.NoError(t, err)
	require.Len(t, spans, 6)
	assert.Equal(t, int64(6), ran.Load())
	assert.Equal(t, int64(1), h.max.Load(), "most tasks running at once")
	for i, s := range spans {
		assert.LessOrEqual(t, s.Start, s.End, "task %d", i)
		assert.GreaterOrEqual(t, s.Stats.Acquires, int64(1), "task %d", i)
	}
	if runtime.GOMAXPROCS(0) > 1 {
		// With one P a waiter runs only when Go preempts the holder, every
		// 10 ms, about as long as a task here.
		assert.Greater(t, g.Stats().Switches, int64(6), "tasks took turns, not one after the other")
	}
}

// TestRunSleepsOverlap shows what I/O-bound threads gain under the GIL:
// each releases it while it sleeps, so all the sleeps run at the same time.
func TestRunSleepsOverlap(t *testing.T) {
	const sleep = 100 * time.Millisecond
	g := gil.New()
	tasks := slices.Repeat([]gil.Task{gil.SleepTask(sleep)}, 4)
	spans, err := g.Run(context.Background(), tasks...)
	require.NoError(t, err)
	require.Len(t, spans, 4)
	var lastStart, firstEnd time.Duration = 0, spans[0].End
	for _, s := range spans {
		lastStart = max(lastStart, s.Start)
		firstEnd = min(firstEnd, s.End)
		assert.GreaterOrEqual(t, s.End-s.Start, sleep)
	}
	assert.Less(t, lastStart, firstEnd, "every sleep began before any ended")
}

func TestRunTasks(t *testing.T) {
	// The ready-made tasks run to completion beside each other.
	g := gil.New()
	spans, err := g.Run(context.Background(),
		gil.CountTask(50*workloads.CheckEvery), gil.SumSqrtTask(50*workloads.CheckEvery), gil.SleepTask(time.Millisecond))
	require.NoError(t, err)
	require.Len(t, spans, 3)
	for i, s := range spans {
		assert.Positive(t, s.End, "task %d", i)
	}
}

func TestRunEmpty(t *testing.T) {
	spans, err := gil.New().Run(context.Background())
	require.NoError(t, err)
	assert.Empty(t, spans)
}

func TestRunErrors(t *testing.T) {
	var ran atomic.Int64
	count := func(*gil.Thread) { ran.Add(1) }
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	var noContext context.Context
	tests := []struct {
		name    string
		ctx     context.Context
		tasks   []gil.Task
		want    string
		wantRan int64
	}{
		{"nil context", noContext, []gil.Task{count}, "needs a context", 0},
		{"nil task", context.Background(), []gil.Task{count, nil}, "task 1 is nil", 0},
		{"cancelled", cancelled, []gil.Task{count, count}, "context canceled", 0},
		{"panic", context.Background(), []gil.Task{count, func(*gil.Thread) { panic("boom") }, count}, "task 1: panic: boom", 2},
		{"panic while blocking", context.Background(), []gil.Task{func(th *gil.Thread) {
			th.Acquire() // nested: the panic must not leave the GIL held
			th.Blocking(func() { panic("lost connection") })
		}, count}, "task 0: panic: lost connection", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ran.Store(0)
			g := gil.New()
			_, err := g.Run(tt.ctx, tt.tasks...)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Equal(t, tt.wantRan, ran.Load(), "tasks that ran")
			// Nobody holds the GIL afterwards: a new thread takes it at once.
			th := g.Thread()
			th.Acquire()
			assert.NoError(t, th.Release())
		})
	}
}

func ExampleGIL_Run() {
	// Four CPU-bound threads under one GIL: they take turns, so together
	// they take about as long as running them one after another. Timings
	// vary, so there is no Output comment.
	g := gil.New()
	n := int64(20_000_000)
	start := time.Now()
	spans, err := g.Run(context.Background(), gil.CountTask(n), gil.CountTask(n), gil.CountTask(n), gil.CountTask(n))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("4 threads under the GIL: %v, %d switches\n", time.Since(start).Round(time.Millisecond), g.Stats().Switches)
	for i, s := range spans {
		fmt.Printf("thread %d: %v to %v, held the GIL %d times\n", i, s.Start.Round(time.Millisecond), s.End.Round(time.Millisecond), s.Stats.Acquires)
	}
}
