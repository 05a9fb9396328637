package run_test

import (
	"context"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/run"
)

func TestSizesAreBounded(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		s     run.Strategy
		tasks []run.Task
		want  string
	}{
		{"GOMAXPROCS 1e12", run.MaxProcs(1_000_000_000_000), run.Work(1, "noop", nil), "GOMAXPROCS must be 1 to 256"},
		{"GOMAXPROCS max int", run.MaxProcs(int(^uint(0) >> 1)), run.Work(1, "noop", nil), "GOMAXPROCS must be 1 to"},
		{"negative work", run.Sequential(), run.Work(-1, "noop", nil), `Work(-1, "noop"): n must be 0 to`},
		{"huge work", run.Goroutines(), run.Work(1_000_000_000_000, "noop", nil), "n must be 0 to 1000000"},
		{"huge work, processes", run.ProcessPool(1), run.Work(1_000_000_000_000, "noop", nil), "n must be 0 to 1000000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := run.Batch(ctx, tc.s, tc.tasks)
			assert.ErrorContains(t, err, tc.want)
		})
	}
}

// TestGoexitIsAnError checks that a task calling runtime.Goexit (as
// t.FailNow does) gets an error record under every in-process strategy,
// that the batch still runs its other tasks, and that Batch returns.
func TestGoexitIsAnError(t *testing.T) {
	tasks := func() []run.Task {
		ok := func(context.Context) (any, error) { return 1, nil }
		return []run.Task{
			{Name: "ok 1", Func: ok},
			{Name: "goexit", Func: func(context.Context) (any, error) { runtime.Goexit(); return nil, nil }},
			{Name: "ok 2", Func: ok},
			{Name: "ok 3", Func: ok},
		}
	}
	for _, s := range []run.Strategy{run.Sequential(), run.Goroutines(), run.GoroutinePool(2), run.OSThreads(2), run.MaxProcs(1)} {
		t.Run(s.String(), func(t *testing.T) {
			recs, err := run.Batch(context.Background(), s, tasks())
			require.ErrorContains(t, err, "runtime.Goexit")
			require.Len(t, recs, 4)
			for i, r := range recs {
				if i == 1 {
					assert.ErrorContains(t, r.Err, "Goexit")
					assert.False(t, r.End.Before(r.Start), "the record has an end")
					continue
				}
				assert.NoError(t, r.Err, r.Name)
			}
		})
	}
}
