package eventloop_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/eventloop"
)

func TestTasksTakeTurnsAtEachYield(t *testing.T) {
	loop := eventloop.New()
	var order []string // no lock: only one task runs at a time, which is the point
	for _, name := range []string{"a", "b", "c"} {
		require.NoError(t, loop.Go(name, func(task *eventloop.Task) error {
			for i := range 3 {
				order = append(order, task.Name()+string(rune('1'+i)))
				if err := task.Yield(); err != nil {
					return err
				}
			}
			return nil
		}))
	}
	require.NoError(t, loop.Run(context.Background()))
	assert.Equal(t, []string{"a1", "b1", "c1", "a2", "b2", "c2", "a3", "b3", "c3"}, order)
	assert.Equal(t, 12, loop.Steps(), "each task: one start and three returns from Yield")
}

func TestSleepersWakeInDeadlineOrder(t *testing.T) {
	loop := eventloop.New()
	var woke []time.Duration
	// Far apart, so that even a machine that stalls the test for a while
	// between two Sleep calls cannot swap their deadlines.
	for _, d := range []time.Duration{200 * time.Millisecond, 10 * time.Millisecond, 100 * time.Millisecond} {
		require.NoError(t, loop.Go(d.String(), func(task *eventloop.Task) error {
			start := time.Now()
			if err := task.Sleep(d); err != nil {
				return err
			}
			if slept := time.Since(start); slept < d {
				return errors.New("woke after " + slept.String() + ", before its deadline")
			}
			woke = append(woke, d)
			return nil
		}))
	}
	require.NoError(t, loop.Run(context.Background()))
	assert.Equal(t, []time.Duration{10 * time.Millisecond, 100 * time.Millisecond, 200 * time.Millisecond}, woke)
}

// The limit test of the course: however many tasks, at most one runs.
func TestOneTaskRunsAtATime(t *testing.T) {
	loop := eventloop.New()
	var running, maxSeen atomic.Int32
	for range 20 {
		require.NoError(t, loop.Go("worker", func(task *eventloop.Task) error {
			for range 50 {
				now := running.Add(1)
				for {
					m := maxSeen.Load()
					if now <= m || maxSeen.CompareAndSwap(m, now) {
						break
					}
				}
				sum := 0.0
				for i := range 1000 { // a little work while "running"
					sum += float64(i)
				}
				_ = sum
				running.Add(-1)
				if err := task.Yield(); err != nil {
					return err
				}
			}
			return nil
		}))
	}
	require.NoError(t, loop.Run(context.Background()))
	assert.Equal(t, int32(1), maxSeen.Load())
}

// A task that computes without sleeping holds the loop: no other task runs
// until it is done, however overdue.
func TestAHogHoldsTheLoop(t *testing.T) {
	loop := eventloop.New()
	var ticks []time.Time
	var hogStart, hogEnd time.Time
	require.NoError(t, loop.Go("ticker", func(task *eventloop.Task) error {
		for range 10 {
			if err := task.Sleep(2 * time.Millisecond); err != nil {
				return err
			}
			ticks = append(ticks, time.Now())
		}
		return nil
	}))
	require.NoError(t, loop.Go("hog", func(task *eventloop.Task) error {
		if err := task.Sleep(3 * time.Millisecond); err != nil {
			return err
		}
		hogStart = time.Now()
		for time.Since(hogStart) < 30*time.Millisecond { // busy: no Sleep, no Yield
		}
		hogEnd = time.Now()
		return nil
	}))
	require.NoError(t, loop.Run(context.Background()))
	require.Len(t, ticks, 10)
	for i, tick := range ticks {
		assert.False(t, tick.After(hogStart) && tick.Before(hogEnd), "tick %d ran while the hog held the loop", i)
	}
}

func TestGoFromInsideATask(t *testing.T) {
	loop := eventloop.New()
	var order []string
	require.NoError(t, loop.Go("parent", func(task *eventloop.Task) error {
		order = append(order, "parent starts")
		if err := loop.Go("child", func(*eventloop.Task) error {
			order = append(order, "child runs")
			return nil
		}); err != nil {
			return err
		}
		if err := task.Yield(); err != nil {
			return err
		}
		order = append(order, "parent ends")
		return nil
	}))
	require.NoError(t, loop.Run(context.Background()))
	assert.Equal(t, []string{"parent starts", "child runs", "parent ends"}, order)
}

func TestCancelWakesSleepersWithTheCause(t *testing.T) {
	ctx, cancel := context.WithCancelCause(context.Background())
	cause := errors.New("reader pressed stop")
	loop := eventloop.New()
	var afterCancel [3]error
	for i := range 3 {
		require.NoError(t, loop.Go("sleeper", func(task *eventloop.Task) error {
			err := task.Sleep(time.Hour)
			afterCancel[i] = task.Sleep(time.Hour) // must not wait: already cancelled
			return err
		}))
	}
	require.NoError(t, loop.Go("canceller", func(task *eventloop.Task) error {
		if err := task.Sleep(time.Millisecond); err != nil {
			return err
		}
		cancel(cause)
		// Added after the cancel: starts cancelled.
		return loop.Go("late", func(task *eventloop.Task) error { return task.Sleep(time.Hour) })
	}))
	done := make(chan error, 1)
	go func() { done <- loop.Run(ctx) }()
	select {
	case err := <-done:
		require.ErrorIs(t, err, cause)
		assert.Equal(t, cause.Error(), err.Error(), "tasks that returned the cause are not listed again")
	case <-time.After(10 * time.Second):
		cancel(nil)
		t.Fatal("Run did not return after its context was cancelled")
	}
	for i, err := range afterCancel {
		assert.ErrorIs(t, err, cause, "sleeper %d", i)
	}
}

func TestErrors(t *testing.T) {
	t.Run("task error is named", func(t *testing.T) {
		loop := eventloop.New()
		boom := errors.New("boom")
		require.NoError(t, loop.Go("ok", func(*eventloop.Task) error { return nil }))
		require.NoError(t, loop.Go("bad", func(*eventloop.Task) error { return boom }))
		err := loop.Run(context.Background())
		require.ErrorIs(t, err, boom)
		assert.Contains(t, err.Error(), `task "bad"`)
	})
	t.Run("panic ends only its task", func(t *testing.T) {
		loop := eventloop.New()
		finished := false
		require.NoError(t, loop.Go("panics", func(task *eventloop.Task) error {
			if err := task.Yield(); err != nil {
				return err
			}
			panic("oops")
		}))
		require.NoError(t, loop.Go("survivor", func(task *eventloop.Task) error {
			for range 3 {
				if err := task.Yield(); err != nil {
					return err
				}
			}
			finished = true
			return nil
		}))
		err := loop.Run(context.Background())
		require.Error(t, err)
		assert.Contains(t, err.Error(), `task "panics": panic: oops`)
		assert.True(t, finished)
	})
	t.Run("nil function", func(t *testing.T) {
		assert.ErrorContains(t, eventloop.New().Go("x", nil), "nil function")
	})
	t.Run("nil context", func(t *testing.T) {
		//nolint:staticcheck // a nil context is the bad input under test
		assert.ErrorContains(t, eventloop.New().Run(nil), "nil context")
	})
	t.Run("negative sleep", func(t *testing.T) {
		loop := eventloop.New()
		require.NoError(t, loop.Go("x", func(task *eventloop.Task) error { return task.Sleep(-time.Second) }))
		assert.ErrorContains(t, loop.Run(context.Background()), "negative sleep")
	})
	t.Run("runs once", func(t *testing.T) {
		loop := eventloop.New()
		require.NoError(t, loop.Run(context.Background()), "no tasks: returns at once")
		assert.ErrorIs(t, loop.Run(context.Background()), eventloop.ErrDone)
		assert.ErrorIs(t, loop.Go("late", func(*eventloop.Task) error { return nil }), eventloop.ErrDone)
	})
}

func TestSource(t *testing.T) {
	for name, want := range map[string]string{
		"Task.Sleep":     "t.yield(struct{}{})",
		"Loop.cancelAll": "t.cancel = cause",
	} {
		src, err := eventloop.Source(name)
		require.NoError(t, err, name)
		assert.Contains(t, src, want)
	}
	_, err := eventloop.Source("Nope")
	assert.Error(t, err)
}
