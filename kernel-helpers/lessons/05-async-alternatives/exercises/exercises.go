package exercises

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"concurrencylab/kernel-helpers/exercise"
)

// errPage is the error the failing task of the checks returns.
var errPage = errors.New("page 2: 503 Service Unavailable")

// slowTask is how long the tasks that do not fail take, unless cancelled:
// long enough that waiting for them is plainly too slow.
const slowTask = 3 * time.Second

// quickEnd is how long a group may take to return after the first error,
// or a call after its timeout: cancelled tasks end in microseconds.
const quickEnd = time.Second

// GroupFunc runs task(ctx, 0) … task(ctx, n-1) at once; the first error
// cancels the others' context, and it returns that error once every task
// has ended.
type GroupFunc = func(ctx context.Context, n int, task func(ctx context.Context, i int) error) error

// FirstErrorCancels checks a TaskGroup in Go: with one task failing soon,
// the group must return that error quickly, having cancelled the others,
// and have no task still running when it returns.
var FirstErrorCancels = &exercise.Exercise[GroupFunc]{
	ID: "05-first-error-cancels", Title: "a TaskGroup in Go", Timeout: 10 * time.Second, Race: true,
	Test: func(t *exercise.T, f GroupFunc) {
		const n = 6
		var running, started atomic.Int64
		task := func(ctx context.Context, i int) error {
			started.Add(1)
			running.Add(1)
			defer running.Add(-1)
			if i == 2 {
				time.Sleep(20 * time.Millisecond)
				return errPage
			}
			select {
			case <-time.After(slowTask):
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		start := time.Now()
		err := f(t.Context(), n, task)
		took := time.Since(start)
		if errors.Is(err, exercise.ErrNotDone) {
			t.NoError(err)
		}
		if r := running.Load(); r != 0 {
			t.Leak("the group returned while %d tasks were still running: wait for every task (g.Wait, wg.Wait), as a TaskGroup does when it exits.", r)
		}
		if s := started.Load(); s != n {
			t.Fail("%d of the %d tasks were started: start them all.", s, n)
		}
		if !errors.Is(err, errPage) {
			t.Fail("the group returned %v, want the failing task's error (%v): return the first error.", err, errPage)
		}
		if took > quickEnd {
			t.TooSlow("the group took %v: it waited for the other tasks (%v each) instead of cancelling them. Derive a context that the first error cancels (errgroup.WithContext does).", took.Round(time.Millisecond), slowTask)
		}
		t.Passed("task 2's error came back after %v, with the other %d tasks cancelled and ended.", took.Round(time.Millisecond), n-1)
	},
}

// WaitForFunc runs call with a context that ends after timeout, like
// asyncio.wait_for: it returns call's result, or an error wrapping
// context.DeadlineExceeded when the time is up; call has ended either way.
type WaitForFunc = func(ctx context.Context, timeout time.Duration, call func(ctx context.Context) (string, error)) (string, error)

// WaitFor checks a timeout that never leaks: a quick call's answer comes
// back, a slow one is cut off at the timeout and has ended when the
// function returns.
var WaitFor = &exercise.Exercise[WaitForFunc]{
	ID: "05-wait-for", Title: "a timeout that leaks nothing", Timeout: 10 * time.Second, Race: true,
	Test: func(t *exercise.T, f WaitForFunc) {
		var running atomic.Int64
		call := func(d time.Duration) func(ctx context.Context) (string, error) {
			return func(ctx context.Context) (string, error) {
				running.Add(1)
				defer running.Add(-1)
				select {
				case <-time.After(d):
					return fmt.Sprintf("page after %v", d), nil
				case <-ctx.Done():
					return "", ctx.Err()
				}
			}
		}
		got, err := f(t.Context(), time.Second, call(10*time.Millisecond))
		t.NoError(err)
		if got != "page after 10ms" {
			t.Fail("a call that answers in 10 ms within a 1 s timeout gave %q, want %q.", got, "page after 10ms")
		}
		const timeout = 50 * time.Millisecond
		start := time.Now()
		_, err = f(t.Context(), timeout, call(slowTask))
		took := time.Since(start)
		if r := running.Load(); r != 0 {
			t.Leak("withTimeout returned while the call was still running: it would go on holding its connection. Pass the call the timeout's context and wait for it to return.")
		}
		if took > quickEnd {
			t.TooSlow("a call of %v with a %v timeout took %v: the timeout never reached it. Make the context with context.WithTimeout and pass it to the call.", slowTask, timeout, took.Round(time.Millisecond))
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fail("a call cut off by the timeout gave the error %v, want one wrapping context.DeadlineExceeded.", err)
		}
		t.Passed("the quick call answered; the slow one was cut off after %v and had ended.", took.Round(time.Millisecond))
	},
}

// FirstFunc asks every replica at once and returns the first good answer;
// it cancels the others and returns once every replica has ended. When
// all fail it returns an error.
type FirstFunc = func(ctx context.Context, replicas []func(ctx context.Context) (string, error)) (string, error)

// FirstAnswer checks a hedged request: a replica failing fast must not
// win, the fastest good answer must, and no replica may still be running.
var FirstAnswer = &exercise.Exercise[FirstFunc]{
	ID: "05-first-answer", Title: "the first good answer", Timeout: 10 * time.Second, Race: true,
	Test: func(t *exercise.T, f FirstFunc) {
		var running atomic.Int64
		replica := func(d time.Duration, answer string, err error) func(ctx context.Context) (string, error) {
			return func(ctx context.Context) (string, error) {
				running.Add(1)
				defer running.Add(-1)
				select {
				case <-time.After(d):
					return answer, err
				case <-ctx.Done():
					return "", ctx.Err()
				}
			}
		}
		replicas := []func(ctx context.Context) (string, error){
			replica(slowTask, "slow", nil),
			replica(5*time.Millisecond, "", errPage),
			replica(40*time.Millisecond, "good", nil),
			replica(slowTask, "slow too", nil),
		}
		start := time.Now()
		got, err := f(t.Context(), replicas)
		took := time.Since(start)
		t.NoError(err)
		if r := running.Load(); r != 0 {
			t.Leak("firstAnswer returned while %d replicas were still running: cancel them and wait for them to end.", r)
		}
		if got != "good" {
			t.Fail("firstAnswer gave %q, want %q: the 5 ms replica failed, so the first *good* answer is the 40 ms one.", got, "good")
		}
		if took > quickEnd {
			t.TooSlow("firstAnswer took %v: it waited for the slow replicas (%v) instead of cancelling them.", took.Round(time.Millisecond), slowTask)
		}
		_, err = f(t.Context(), replicas[1:2])
		if err == nil {
			t.Fail("with every replica failing, firstAnswer returned no error.")
		}
		t.Passed("the 40 ms answer won over a 5 ms failure after %v; the slow replicas were cancelled and ended.", took.Round(time.Millisecond))
	},
}
