package run

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/workloads"
)

func TestBatchOf(t *testing.T) {
	want := workloads.CountTo(1000)
	for _, s := range []Strategy{Sequential(), GoroutinePool(2), ProcessPool(2)} {
		t.Run(s.String(), func(t *testing.T) {
			recs, err := BatchOf[int64](context.Background(), s, Work(3, "count", 1000))
			require.NoError(t, err)
			require.Len(t, recs, 3)
			for _, r := range recs {
				assert.Equal(t, want, r.Result, "an int64 from every strategy, no float64")
				assert.NoError(t, r.Err)
			}
		})
	}
	t.Run("a Func's own type", func(t *testing.T) {
		type point struct{ X, Y int }
		task := Task{Name: "point", Func: func(context.Context) (any, error) { return point{1, 2}, nil }}
		recs, err := BatchOf[point](context.Background(), Sequential(), []Task{task})
		require.NoError(t, err)
		assert.Equal(t, point{1, 2}, recs[0].Result)
	})
	t.Run("a result of another type", func(t *testing.T) {
		tasks := append(Work(1, "count", 10), Task{Name: "words", Func: func(context.Context) (any, error) { return "ten", nil }})
		recs, err := BatchOf[int64](context.Background(), Sequential(), tasks)
		require.Len(t, recs, 2)
		assert.Equal(t, int64(10), recs[0].Result)
		assert.ErrorContains(t, recs[1].Err, "result is ten")
		assert.ErrorContains(t, err, `task 1 "words"`)
	})
	t.Run("bad input", func(t *testing.T) {
		recs, err := BatchOf[int](context.Background(), ProcessPool(0), Work(1, "count", 1))
		assert.Nil(t, recs)
		assert.Error(t, err)
	})
}
