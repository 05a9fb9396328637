package run

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"concurrencylab/kernel-helpers/worker"
)

// Task is one piece of work in a batch.
//
// Func runs in this process, under the in-process strategies. Worker names
// a task registered with [worker.Register], run with Arg (encoded as JSON):
// the process strategies need it, since a Go function cannot be sent to
// another process. A task with only Worker set also runs under the
// in-process strategies, through the same JSON encoding, so the same batch
// gives the same results under every strategy.
type Task struct {
	Name   string // shown in records and errors; defaults to Worker, or "task i"
	Func   func(ctx context.Context) (any, error)
	Worker string
	Arg    any

	err error // set by Work for a size it refused; Batch reports it
}

// Work returns n tasks that run the registered worker task with arg, named
// "name #i": the usual batch of identical work.
//
// n must be 0 to [MaxTasks]; for any other n, Work returns one task that
// Batch rejects with an error saying so (Work itself returns no error, so
// that it fits in a call to Batch).
func Work(n int, name string, arg any) []Task {
	if n < 0 || n > MaxTasks {
		return []Task{{Name: "Work", Worker: name, err: fmt.Errorf("Work(%d, %q): n must be 0 to %d", n, name, MaxTasks)}}
	}
	tasks := make([]Task, n)
	for i := range tasks {
		tasks[i] = Task{Name: fmt.Sprintf("%s #%d", name, i), Worker: name, Arg: arg}
	}
	return tasks
}

// Record says how one task of a batch went: its result or error, when it
// ran, and who ran it, so that a notebook can draw a timeline. Its Result
// is an any: what Func returned, or for a worker task its JSON result
// decoded into an any (numbers are float64). [BatchOf] gives records whose
// Result has the type the tasks return.
type Record = RecordOf[any]

// RecordOf is a [Record] whose Result has type T, as [BatchOf] returns it.
type RecordOf[T any] struct {
	Task   int    // index in the batch
	Name   string // the task's name
	Result T      // the task's result; the zero T if it failed
	Err    error  // nil if the task succeeded

	// Start and End are read just before and after the task ran, in the
	// process that ran it. For a task in a worker, they come from the
	// worker's clock (the same wall clock on one machine); if the worker
	// died, they are the times this process sent the call and saw it fail.
	// Both are zero for a task that never started.
	Start, End time.Time

	// Goroutine is the id of the goroutine that ran the task, for the
	// strategies whose goroutines run several tasks each. It is 0 where each
	// task has a goroutine of its own ([Goroutines], [MaxProcs]), because
	// reading the id (see goid) costs about 4 µs, several times what
	// starting the goroutine costs, and in a worker process.
	Goroutine uint64
	TID       int // the OS thread that ran the task (in the worker, for a worker task)
	PID       int // the process that ran the task
}

// Duration returns End - Start.
func (r RecordOf[T]) Duration() time.Duration { return r.End.Sub(r.Start) }

// PanicError is a panic in a task run in this process, turned into an
// error so that one bad task cannot crash the notebook, or lose the other
// tasks' results. It is [worker.PanicError], the course's one panic error,
// also returned by package futures.
type PanicError = worker.PanicError

// notInProcess lists built-in worker tasks that must not run in this
// process: "exit" would end it, "hang" ignores its context and never returns.
var notInProcess = map[string]bool{"exit": true, "hang": true}

// check returns an error for a task that s cannot run.
func (t Task) check(s Strategy) error {
	if t.err != nil {
		return t.err
	}
	if t.Worker != "" {
		if _, ok := worker.Lookup(t.Worker); !ok {
			return fmt.Errorf("worker task %q: %w", t.Worker, worker.ErrUnknownTask)
		}
	}
	switch {
	case !s.InProcess() && t.Worker == "":
		return fmt.Errorf("%v runs tasks in other processes: set Worker to a registered task (a Func cannot cross a process boundary)", s)
	case s.InProcess() && t.Func == nil && t.Worker == "":
		return errors.New("nothing to run: set Func or Worker")
	case s.InProcess() && t.Func == nil && notInProcess[t.Worker]:
		return fmt.Errorf("worker task %q would end or block this process: run it under a process strategy", t.Worker)
	}
	return nil
}

// call runs the task in this process and turns a panic into a *PanicError.
func (t Task) call(ctx context.Context, name string) (res any, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, &PanicError{Task: name, Value: r, Stack: debug.Stack()}
		}
	}()
	if t.Func != nil {
		return t.Func(ctx)
	}
	fn, _ := worker.Lookup(t.Worker) // present: check looked
	arg, err := json.Marshal(t.Arg)
	if err != nil {
		return nil, fmt.Errorf("encoding argument: %w", err)
	}
	out, err := fn(ctx, arg)
	if err != nil || len(out) == 0 {
		return nil, err
	}
	if err := json.Unmarshal(out, &res); err != nil {
		return nil, fmt.Errorf("decoding result: %w", err)
	}
	return res, nil
}
