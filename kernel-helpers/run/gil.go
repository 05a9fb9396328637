package run

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync/atomic"

	"concurrencylab/kernel-helpers/gil"
	"concurrencylab/workloads"
)

// GILStrategy is the name [GILBatch]'s batches go by in plots and tables.
//
// Deprecated: use [NameGILThreads], the same constant.
const GILStrategy = NameGILThreads

// GILBatch runs the tasks the way CPython runs threads: one goroutine per
// task, each locked to an OS thread of its own as under [OSThreads], all
// under the emulated GIL g (see package [concurrencylab/kernel-helpers/gil]),
// so that only one runs at a time. It returns records as [Batch] does and
// follows the same rules for bad input, failures and cancellation.
//
// The threads start their tasks once all of them have started. Each task
// takes the GIL before it begins and releases it when it ends; its record's
// Start is read before both waits, like the start of a Python thread. While it runs, the task's context
// carries its thread ([gil.FromContext]): a CPU loop passes
// [gil.CheckFunc](ctx) as its check, so that it lets other threads in when
// they have waited a switch interval, and a blocking call goes through
// [gil.Blocking](ctx, f), so that others run meanwhile. The built-in worker
// tasks do so, as their CPython counterparts do: "count" and "sumsqrt" check
// the GIL and "sleep" releases it. Any other task holds the GIL from start
// to end, like a C extension that never releases it.
//
// Only in-process tasks can run here: a worker process has no GIL to share.
// [gil.GIL.Stats] tells afterwards how often the GIL changed hands.
func GILBatch(ctx context.Context, g *gil.GIL, tasks []Task) ([]Record, error) {
	if g == nil {
		return nil, errors.New("run: GILBatch needs a GIL, got nil (gil.New() makes one)")
	}
	// One thread per task, as threading.Thread gives; checked by Batch.
	s := OSThreads(max(len(tasks), 1))
	start := newStartLine(len(tasks))
	wrapped := make([]Task, len(tasks))
	for i, t := range tasks {
		name := t.Name
		if name == "" {
			name = t.Worker
		}
		// Check here too: the wrapped task has a Func, which would hide
		// a missing or unknown worker task from Batch's check.
		if err := t.check(s); err != nil {
			if name == "" {
				name = fmt.Sprintf("task %d", i)
			}
			return nil, fmt.Errorf("run: task %d %q: %w", i, name, err)
		}
		wrapped[i] = Task{Name: name, Func: func(ctx context.Context) (any, error) {
			if err := start.wait(ctx); err != nil {
				return nil, err
			}
			return t.underGIL(ctx, g, name)
		}}
	}
	return Batch(ctx, s, wrapped)
}

// startLine holds the batch's threads until each has taken its task. Under
// [OSThreads] a thread takes the next task when it is done with one; were a
// task to end before the last thread started, one thread would run two
// tasks, one after the other. Holding them makes it one thread per task,
// like a Python program that starts all its threads, then joins them.
type startLine struct {
	left  atomic.Int64
	ready chan struct{}
}

func newStartLine(n int) *startLine {
	l := &startLine{ready: make(chan struct{})}
	l.left.Store(int64(n))
	return l
}

// wait returns once every thread has arrived, or with ctx's error when it
// ends first (then some threads never take a task).
func (l *startLine) wait(ctx context.Context) error {
	if l.left.Add(-1) == 0 {
		close(l.ready)
	}
	select {
	case <-l.ready:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// underGIL runs the task holding a thread of g, with the thread in its context.
func (t Task) underGIL(ctx context.Context, g *gil.GIL, name string) (any, error) {
	th := g.Thread()
	th.Acquire()
	defer th.Release()
	if err := ctx.Err(); err != nil {
		// Cancelled while waiting for the GIL: do not start.
		return nil, context.Cause(ctx)
	}
	ctx = gil.NewContext(ctx, th)
	if t.Func == nil {
		switch t.Worker {
		case "count":
			return loopUnderGIL(ctx, th, t.Arg, workloads.CountToWith)
		case "sumsqrt":
			return loopUnderGIL(ctx, th, t.Arg, workloads.SumSqrtWith)
		case "sleep":
			var res any
			var err error
			th.Blocking(func() { res, err = t.call(ctx, name) })
			return res, err
		}
	}
	return t.call(ctx, name)
}

// stopLoop is the panic value that leaves a CPU loop once its context ends;
// loopUnderGIL turns it back into the context's error.
type stopLoop struct{}

// loopUnderGIL runs a built-in CPU worker task ("count", "sumsqrt") on th's
// GIL: its check both gives the GIL up when asked and stops the loop when
// ctx ends, as the worker's own version does. Argument and result go
// through JSON, so that records hold the same values as under [Batch].
func loopUnderGIL[R any](ctx context.Context, th *gil.Thread, arg any, loop func(int64, func()) R) (res any, err error) {
	raw, err := json.Marshal(arg)
	if err != nil {
		return nil, fmt.Errorf("encoding argument: %w", err)
	}
	var n int64
	if err := json.Unmarshal(raw, &n); err != nil {
		return nil, fmt.Errorf("bad argument: %w", err)
	}
	done := ctx.Done()
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(stopLoop); !ok {
				panic(r)
			}
			res, err = nil, context.Cause(ctx)
		}
	}()
	out, err := json.Marshal(loop(n, func() {
		th.Check()
		select {
		case <-done:
			panic(stopLoop{})
		default:
		}
	}))
	if err != nil {
		return nil, err
	}
	err = json.Unmarshal(out, &res)
	return res, err
}
