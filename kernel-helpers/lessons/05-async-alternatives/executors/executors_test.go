package executors_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/executors"
	"concurrencylab/kernel-helpers/memory"
)

func TestAsCompleted(t *testing.T) {
	for _, pool := range []string{executors.Goroutines, executors.Processes} {
		t.Run(pool, func(t *testing.T) {
			opts := executors.Options{Tasks: 4, Step: 50 * time.Millisecond}
			c, err := executors.AsCompleted(context.Background(), pool, opts)
			require.NoError(t, err)
			assert.Equal(t, pool, c.Pool)
			require.Len(t, c.Done, 4)
			order := c.Order()
			assert.ElementsMatch(t, []int{0, 1, 2, 3}, order, "every task handed back once")
			for i, d := range c.Done {
				assert.Equal(t, time.Duration(4-d.Task)*opts.Step, d.Wait)
				assert.GreaterOrEqual(t, d.At, d.Wait, "task %d handed back before its wait was over", d.Task)
				if i > 0 {
					assert.GreaterOrEqual(t, d.At, c.Done[i-1].At, "yielded in time order")
				}
			}
		})
	}
	// No worker process outlives its pool.
	assert.Eventually(t, func() bool {
		children, err := memory.Children()
		return err == nil && len(children) == 0
	}, 5*time.Second, 10*time.Millisecond)
}

func TestPerTask(t *testing.T) {
	for _, pool := range []string{executors.Goroutines, executors.Processes} {
		t.Run(pool, func(t *testing.T) {
			r, err := executors.PerTask(context.Background(), pool, 50, 2, 3)
			require.NoError(t, err)
			assert.Len(t, r.Samples, 3)
			assert.Equal(t, pool, r.Strategy)
			assert.Equal(t, "50", r.Params["tasks"])
			assert.Positive(t, executors.Each(r))
		})
	}
}

func TestBadInput(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		run  func() error
		want string
	}{
		{"no tasks", func() error {
			_, err := executors.AsCompleted(ctx, executors.Goroutines, executors.Options{Step: time.Millisecond})
			return err
		}, "0 tasks"},
		{"too many tasks", func() error {
			_, err := executors.AsCompleted(ctx, executors.Processes, executors.Options{Tasks: 65, Step: time.Millisecond})
			return err
		}, "65 tasks"},
		{"no step", func() error {
			_, err := executors.AsCompleted(ctx, executors.Goroutines, executors.Options{Tasks: 2})
			return err
		}, "step 0s"},
		{"unknown pool", func() error {
			_, err := executors.AsCompleted(ctx, "threads", executors.Options{Tasks: 2, Step: time.Millisecond})
			return err
		}, `unknown pool "threads"`},
		{"per task: unknown pool", func() error { _, err := executors.PerTask(ctx, "x", 1, 1, 1); return err }, `unknown pool "x"`},
		{"per task: no tasks", func() error { _, err := executors.PerTask(ctx, executors.Goroutines, 0, 1, 1); return err }, "0 tasks"},
		{"per task: no workers", func() error { _, err := executors.PerTask(ctx, executors.Processes, 1, 0, 1); return err }, "0 workers"},
		//lint:ignore SA1012 a nil context is the bad input under test
		{"nil context", func() error { _, err := executors.PerTask(nil, executors.Goroutines, 1, 1, 1); return err }, "nil context"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.ErrorContains(t, tt.run(), tt.want)
		})
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	_, err := executors.AsCompleted(ctx, executors.Processes, executors.Options{Tasks: 2, Step: time.Minute / 2})
	assert.Error(t, err)
}

func TestVerdicts(t *testing.T) {
	rev := executors.Completion{Pool: executors.Goroutines, Done: []executors.Done{{Task: 2}, {Task: 1}, {Task: 0}}}
	other := executors.Completion{Pool: executors.Processes, Done: []executors.Done{{Task: 2}, {Task: 0}, {Task: 1}}}
	assert.True(t, rev.Reversed())
	assert.False(t, other.Reversed())
	assert.False(t, executors.Completion{}.Reversed())
	v := executors.Verdict(rev, rev)
	assert.Contains(t, v, "the goroutine pool handed the tasks back in the order [2 1 0]")
	assert.Contains(t, v, "hands results back as they finish")
	assert.Contains(t, executors.Verdict(rev, other), "is not the reverse")

	g := bench.Result{Params: map[string]string{"tasks": "100"}, Samples: []time.Duration{100 * time.Microsecond}}
	p := bench.Result{Params: map[string]string{"tasks": "100"}, Samples: []time.Duration{5 * time.Millisecond}}
	assert.Equal(t, time.Microsecond, executors.Each(g))
	c := executors.CostVerdict(g, p)
	assert.Contains(t, c, "cost 1µs on the goroutine pool and 50µs on the process pool, 50× as much")
	assert.Contains(t, c, "pays for the trip")
	assert.Contains(t, executors.CostVerdict(p, g), "is not the extra cost")
	assert.Contains(t, executors.CostVerdict(bench.Result{}, p), "no cost per task")
}

func TestTimeline(t *testing.T) {
	c := executors.Completion{Pool: executors.Goroutines, Done: []executors.Done{
		{Task: 1, Wait: time.Millisecond, At: time.Millisecond}, {Task: 0, Wait: 2 * time.Millisecond, At: 2 * time.Millisecond}}}
	svg, err := executors.Timeline(c)
	require.NoError(t, err)
	s := string(svg)
	assert.True(t, strings.Contains(s, "goroutine pool, task 0"))
	assert.True(t, strings.Contains(s, "goroutine pool, task 1"))
	_, err = executors.Timeline()
	assert.ErrorContains(t, err, "nothing to draw")
}
