package worker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"concurrencylab/workloads"
)

// builtins returns the tasks every worker has, even one that serves from
// this package's init. The course uses them to compare strategies on the
// same work ("count", "sumsqrt", "sleep"), to measure the cost of a call
// ("noop", "echo"), to show that a worker is another process ("getpid",
// "setvar", "getvar") and to break workers on purpose ("panic", "exit",
// "hang").
func builtins() map[string]Func {
	return map[string]Func{
		"noop":    func(context.Context, json.RawMessage) (json.RawMessage, error) { return nil, nil },
		"echo":    func(_ context.Context, arg json.RawMessage) (json.RawMessage, error) { return arg, nil },
		"count":   Typed(count),
		"sumsqrt": Typed(sumSqrt),
		"sleep":   Typed(sleep),
		"getpid":  Typed(func(context.Context, struct{}) (int, error) { return os.Getpid(), nil }),
		"setvar":  Typed(setVar),
		"getvar":  Typed(func(context.Context, struct{}) (any, error) { return getVar(), nil }),
		"panic":   Typed(panicTask),
		"exit":    Typed(exitTask),
		"hang":    hang,
	}
}

// Typed adapts a function with Go types to a [Func]: it decodes the JSON
// argument into an A (a missing argument leaves A's zero value; one that
// does not decode is a "bad argument" error) and encodes the R it returns.
// A task with no result returns struct{}, which answers null. See
// [RegisterFunc], which registers such a function in one step.
func Typed[A, R any](fn func(context.Context, A) (R, error)) Func {
	if fn == nil {
		return func(context.Context, json.RawMessage) (json.RawMessage, error) {
			return nil, errors.New("worker: Typed was given a nil function")
		}
	}
	return func(ctx context.Context, raw json.RawMessage) (json.RawMessage, error) {
		var arg A
		if len(raw) > 0 {
			if err := json.Unmarshal(raw, &arg); err != nil {
				return nil, fmt.Errorf("bad argument: %w", err)
			}
		}
		res, err := fn(ctx, arg)
		if err != nil {
			return nil, err
		}
		if _, none := any(res).(struct{}); none {
			return nil, nil // a task with no result answers null
		}
		return json.Marshal(res)
	}
}

// count is [workloads.CountTo]; it stops early when ctx ends.
func count(ctx context.Context, n int64) (int64, error) {
	return interruptible(ctx, func(check func()) int64 { return workloads.CountToWith(n, check) })
}

// sumSqrt is [workloads.SumSqrt]; it stops early when ctx ends.
func sumSqrt(ctx context.Context, n int64) (float64, error) {
	return interruptible(ctx, func(check func()) float64 { return workloads.SumSqrtWith(n, check) })
}

// stopped is the panic value check uses to leave a loop that has no way to
// return early; interruptible turns it back into ctx's error.
type stopped struct{}

// interruptible runs a CPU loop that calls check every few microseconds
// (workloads.CheckEvery iterations), and abandons it once ctx is done.
func interruptible[T any](ctx context.Context, loop func(check func()) T) (res T, err error) {
	done := ctx.Done()
	if done == nil {
		return loop(nil), nil // never cancelled: the loop at full speed
	}
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(stopped); !ok {
				panic(r)
			}
			err = context.Cause(ctx)
		}
	}()
	return loop(func() {
		select {
		case <-done:
			panic(stopped{})
		default:
		}
	}), nil
}

// duration accepts a JSON number of nanoseconds (how encoding/json writes a
// time.Duration) or a string such as "50ms".
type duration time.Duration

func (d *duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		v, err := time.ParseDuration(s)
		*d = duration(v)
		return err
	}
	var ns int64
	if err := json.Unmarshal(b, &ns); err != nil {
		return errors.New(`want nanoseconds or a duration string such as "50ms"`)
	}
	*d = duration(ns)
	return nil
}

// sleep waits for the duration or until ctx ends.
func sleep(ctx context.Context, d duration) (struct{}, error) {
	if d < 0 {
		return struct{}{}, fmt.Errorf("negative duration %v", time.Duration(d))
	}
	t := time.NewTimer(time.Duration(d))
	defer t.Stop()
	select {
	case <-t.C:
		return struct{}{}, nil
	case <-ctx.Done():
		return struct{}{}, context.Cause(ctx)
	}
}

// variable is what "setvar" and "getvar" share: ordinary memory of the
// process that runs them. A worker's copy is not its parent's.
var variable struct {
	mu sync.Mutex
	v  any
}

// setVar stores v and returns the value it replaced.
func setVar(_ context.Context, v any) (any, error) {
	variable.mu.Lock()
	defer variable.mu.Unlock()
	old := variable.v
	variable.v = v
	return old, nil
}

func getVar() any {
	variable.mu.Lock()
	defer variable.mu.Unlock()
	return variable.v
}

// panicTask panics, which kills the worker process: in Go, unlike in
// Python, nothing catches a panic for you.
func panicTask(_ context.Context, msg string) (struct{}, error) {
	panic("worker task panicked: " + msg)
}

// exitTask ends the worker process with the given code, in the middle of a task.
func exitTask(_ context.Context, code int) (struct{}, error) {
	if code < 0 || code > 125 {
		return struct{}{}, fmt.Errorf("exit code must be 0 to 125, got %d", code)
	}
	os.Exit(code)
	return struct{}{}, nil
}

// hang never returns and ignores its context, like a task stuck in a C call:
// only killing the process stops it.
func hang(context.Context, json.RawMessage) (json.RawMessage, error) {
	for {
		time.Sleep(time.Hour)
	}
}
