package futures

import (
	"cmp"
	"concurrencylab/kernel-helpers/worker"
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
)

// Future is the result of a task that may not have finished yet. Its methods
// are safe to call from any goroutine, any number of times. The zero value is
// not useful: futures come from [Submit] and [SubmitTask].
type Future[T any] struct {
	done chan struct{}

	mu      sync.Mutex
	value   T
	err     error
	seq     uint64   // completion order, set when done
	waiters []func() // run once when done: AsCompleted's notifications
}

// completions numbers finished futures in the order they finished, so that
// [AsCompleted] can tell that order even for futures that finished before it
// was called.
var completions atomic.Uint64

func newFuture[T any]() *Future[T] {
	return &Future[T]{done: make(chan struct{})}
}

// failed returns a future that is already done with err.
func failed[T any](err error) *Future[T] {
	f := newFuture[T]()
	var zero T
	f.complete(zero, err)
	return f
}

// complete records the outcome; the first call wins.
func (f *Future[T]) complete(value T, err error) {
	f.mu.Lock()
	select {
	case <-f.done:
		f.mu.Unlock()
		return
	default:
	}
	f.value, f.err = value, err
	f.seq = completions.Add(1)
	waiters := f.waiters
	f.waiters = nil
	close(f.done)
	f.mu.Unlock()
	for _, w := range waiters {
		w()
	}
}

// run calls fn and completes f with its outcome. A panic in fn does not
// crash the program: it fails f with a [*PanicError], as an exception raised
// in a Python task is kept in its future.
func (f *Future[T]) run(ctx context.Context, fn func(context.Context) (T, error)) {
	returned := false
	defer func() {
		if returned {
			return
		}
		var zero T
		if r := recover(); r != nil {
			f.complete(zero, &PanicError{Value: r, Stack: debug.Stack()})
			return
		}
		// Neither returned nor panicked: fn called runtime.Goexit.
		f.complete(zero, errors.New("futures: task called runtime.Goexit"))
	}()
	value, err := fn(ctx)
	returned = true
	f.complete(value, err)
}

// onDone arranges for fn to run once f is done and reports true, or reports
// false without arranging anything when f is already done.
func (f *Future[T]) onDone(fn func()) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	select {
	case <-f.done:
		return false
	default:
		f.waiters = append(f.waiters, fn)
		return true
	}
}

// Wait blocks until the task has finished and returns its result, like
// Python's future.result().
func (f *Future[T]) Wait() (T, error) {
	if f == nil || f.done == nil {
		var zero T
		return zero, errors.New("futures: Wait on a future no pool returned (nil or zero value)")
	}
	<-f.done
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.value, f.err
}

// Done returns a channel that is closed when the task has finished, for use
// in a select statement.
func (f *Future[T]) Done() <-chan struct{} { return f.done }

// PanicError is the error of a task that panicked (its Task field is
// empty: futures have no names). It is [worker.PanicError], the course's one
// panic error, also returned by package run.
type PanicError = worker.PanicError

// Wait waits until every future is done and returns their values in the
// order of futs. The error is nil when all succeeded; otherwise it counts the
// failures and wraps the first one in futs's order. The values of failed
// tasks are their zero values.
func Wait[T any](futs ...*Future[T]) ([]T, error) {
	values := make([]T, len(futs))
	failed, first := 0, error(nil)
	for i, f := range futs {
		if f == nil {
			if first == nil {
				first = fmt.Errorf("futures: future %d is nil", i)
			}
			failed++
			continue
		}
		v, err := f.Wait()
		values[i] = v
		if err != nil {
			if first == nil {
				first = err
			}
			failed++
		}
	}
	if failed > 0 {
		return values, fmt.Errorf("futures: %d of %d tasks failed, the first: %w", failed, len(futs), first)
	}
	return values, nil
}

// AsCompleted yields each future of futs with its index in futs as it
// finishes, in the order the tasks finished, like Python's as_completed.
// (Two tasks that finish within the same instant may swap places.)
// Futures that had already finished when AsCompleted was called come first,
// in the order they finished. Nil futures are skipped.
//
// When ctx is done the sequence stops early, before every future has been
// yielded; check ctx.Err() after the loop. A nil ctx never stops it.
// Stopping early, by ctx or by break, leaves nothing running: AsCompleted
// starts no goroutine.
func AsCompleted[T any](ctx context.Context, futs []*Future[T]) iter.Seq2[int, *Future[T]] {
	if ctx == nil {
		ctx = context.Background()
	}
	return func(yield func(int, *Future[T]) bool) {
		// Every future reports its index here once done. The buffer holds
		// them all, so a report never blocks, even after the loop stopped.
		finished := make(chan int, len(futs))
		var already []int
		pending := 0
		for i, f := range futs {
			if f == nil {
				continue
			}
			if f.onDone(func() { finished <- i }) {
				pending++
			} else {
				already = append(already, i)
			}
		}
		slices.SortFunc(already, func(a, b int) int {
			return cmp.Compare(futs[a].seq, futs[b].seq)
		})
		for _, i := range already {
			if ctx.Err() != nil || !yield(i, futs[i]) {
				return
			}
		}
		for ; pending > 0; pending-- {
			select {
			case i := <-finished:
				if !yield(i, futs[i]) {
					return
				}
			case <-ctx.Done():
				return
			}
		}
	}
}
