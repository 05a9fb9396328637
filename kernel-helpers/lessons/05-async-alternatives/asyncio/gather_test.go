package asyncio_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/asyncio"
)

type task = func(context.Context) (int, error)

// gatherers are the three patterns behind one signature; TaskGroup ignores
// the limit.
var gatherers = map[string]func(ctx context.Context, limit int, tasks ...task) ([]int, error){
	"TaskGroup": func(ctx context.Context, _ int, tasks ...task) ([]int, error) {
		return asyncio.TaskGroup(ctx, tasks...)
	},
	"GatherLimit":     asyncio.GatherLimit[int],
	"GatherSemaphore": asyncio.GatherSemaphore[int],
}

func constant(v int) task { return func(context.Context) (int, error) { return v, nil } }

func TestTaskGroupResultsInTaskOrder(t *testing.T) {
	for name, gather := range gatherers {
		t.Run(name, func(t *testing.T) {
			var tasks []task
			for i := range 20 {
				tasks = append(tasks, constant(i*i))
			}
			got, err := gather(context.Background(), 3, tasks...)
			require.NoError(t, err)
			want := make([]int, 20)
			for i := range want {
				want[i] = i * i
			}
			assert.Equal(t, want, got)
		})
	}
}

// The first error cancels the context of every other task; TaskGroup returns
// that error, not the cancellations it caused, and only after every task
// has returned. (GatherSemaphore's tasks that had not got past the semaphore
// when the error came never start at all.)
func TestTaskGroupFirstErrorCancelsTheRest(t *testing.T) {
	boom := errors.New("boom")
	for name, gather := range gatherers {
		t.Run(name, func(t *testing.T) {
			const waiters = 4
			var started atomic.Int32
			sawCancel := make(chan error, waiters)
			tasks := []task{}
			for range waiters {
				tasks = append(tasks, func(ctx context.Context) (int, error) {
					started.Add(1)
					<-ctx.Done() // blocks until the failure cancels it
					sawCancel <- ctx.Err()
					return 0, ctx.Err()
				})
			}
			tasks = append(tasks, func(context.Context) (int, error) { return 0, boom })
			_, err := gather(context.Background(), waiters+1, tasks...)
			require.ErrorIs(t, err, boom)
			assert.Len(t, sawCancel, int(started.Load()), "every task that started was cancelled before TaskGroup returned")
			if name != "GatherSemaphore" {
				assert.Equal(t, int32(waiters), started.Load(), "all tasks start at once")
			}
		})
	}
}

// The limit test: tasks hold their slot until released, and a Gauge counts
// them; the most at once must be the limit, never more.
func TestGatherLimitsConcurrency(t *testing.T) {
	for _, name := range []string{"GatherLimit", "GatherSemaphore"} {
		for _, limit := range []int{1, 3, 8} {
			t.Run(fmt.Sprintf("%s/limit=%d", name, limit), func(t *testing.T) {
				started, release := make(chan struct{}, 32), make(chan struct{})
				var tasks []task
				for i := range 16 {
					tasks = append(tasks, func(context.Context) (int, error) {
						started <- struct{}{}
						<-release
						return i, nil
					})
				}
				var g asyncio.Gauge
				done := make(chan error, 1)
				go func() {
					_, err := gatherers[name](context.Background(), limit, asyncio.Track(&g, tasks)...)
					done <- err
				}()
				for range limit {
					<-started
				}
				select {
				case <-started:
					t.Errorf("task %d started while %d held every slot", limit+1, limit)
				case <-time.After(50 * time.Millisecond):
				}
				close(release)
				require.NoError(t, <-done)
				assert.Equal(t, int64(limit), g.Max())
				assert.Equal(t, int64(0), g.Running())
			})
		}
	}
}

func TestGatherBadInput(t *testing.T) {
	for name, gather := range gatherers {
		t.Run(name, func(t *testing.T) {
			_, err := gather(context.Background(), 2, constant(1), nil)
			assert.ErrorContains(t, err, "task 1 is nil")
			//lint:ignore SA1012 a nil context is the bad input under test
			_, err = gather(nil, 2, constant(1))
			assert.ErrorContains(t, err, "nil context")
			got, err := gather(context.Background(), 2)
			assert.NoError(t, err)
			assert.Empty(t, got)
		})
	}
	for _, name := range []string{"GatherLimit", "GatherSemaphore"} {
		_, err := gatherers[name](context.Background(), 0, constant(1))
		assert.ErrorContains(t, err, "limit 0 must be positive", name)
	}
}

func TestFirst(t *testing.T) {
	blocked := func(stopped chan<- error) task {
		return func(ctx context.Context) (int, error) {
			<-ctx.Done()
			stopped <- ctx.Err()
			return 0, ctx.Err()
		}
	}
	t.Run("first success wins, the rest are cancelled", func(t *testing.T) {
		stopped := make(chan error, 2)
		i, v, err := asyncio.First(context.Background(), blocked(stopped), constant(42), blocked(stopped))
		require.NoError(t, err)
		assert.Equal(t, 1, i)
		assert.Equal(t, 42, v)
		require.Len(t, stopped, 2, "the losers returned before First did")
		assert.ErrorIs(t, <-stopped, context.Canceled)
	})
	t.Run("failures do not win", func(t *testing.T) {
		gate := make(chan struct{})
		fail := func(context.Context) (int, error) { defer close(gate); return 0, errors.New("replica down") }
		late := func(context.Context) (int, error) { <-gate; return 7, nil }
		i, v, err := asyncio.First(context.Background(), fail, late)
		require.NoError(t, err)
		assert.Equal(t, 1, i)
		assert.Equal(t, 7, v)
	})
	t.Run("all fail", func(t *testing.T) {
		a, b := errors.New("a"), errors.New("b")
		_, _, err := asyncio.First(context.Background(),
			func(context.Context) (int, error) { return 0, a },
			func(context.Context) (int, error) { return 0, b })
		assert.ErrorIs(t, err, a)
		assert.ErrorIs(t, err, b)
	})
	t.Run("deadline first", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		stopped := make(chan error, 1)
		i, _, err := asyncio.First(ctx, blocked(stopped))
		assert.Equal(t, -1, i)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
	})
	t.Run("no tasks", func(t *testing.T) {
		_, _, err := asyncio.First[int](context.Background())
		assert.ErrorIs(t, err, asyncio.ErrNoTasks)
	})
	t.Run("nil task", func(t *testing.T) {
		_, _, err := asyncio.First(context.Background(), constant(1), nil)
		assert.ErrorContains(t, err, "task 1 is nil")
	})
}

func TestWaitFor(t *testing.T) {
	start := time.Now()
	_, err := asyncio.WaitFor(context.Background(), 20*time.Millisecond, func(ctx context.Context) (int, error) {
		<-ctx.Done()
		return 0, ctx.Err()
	})
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.GreaterOrEqual(t, time.Since(start), 20*time.Millisecond)

	v, err := asyncio.WaitFor(context.Background(), time.Hour, constant(3))
	assert.NoError(t, err)
	assert.Equal(t, 3, v)

	_, err = asyncio.WaitFor[int](context.Background(), time.Second, nil)
	assert.ErrorContains(t, err, "nil")
}

func TestSource(t *testing.T) {
	for name, want := range map[string]string{
		"TaskGroup":       "errgroup.WithContext",
		"GatherLimit":     "g.SetLimit(limit)",
		"GatherSemaphore": "sem.Acquire(ctx, 1)",
		"First":           "select {",
		"WaitFor":         "context.WithTimeout",
	} {
		t.Run(name, func(t *testing.T) {
			src, err := asyncio.Source(name)
			require.NoError(t, err)
			assert.True(t, strings.HasPrefix(src, "// "+name+" "), src)
			assert.Contains(t, src, "func "+name+"[T any](")
			assert.Contains(t, src, want)
			assert.True(t, strings.HasSuffix(strings.TrimSpace(src), "\n}"), "ends with the function's closing brace")
		})
	}
	_, err := asyncio.Source("Nope")
	assert.ErrorContains(t, err, "Nope")
}
