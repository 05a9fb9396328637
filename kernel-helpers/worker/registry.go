package worker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
)

// Func is a task a worker process can run. It receives the JSON encoding of
// the argument the caller passed (at least "null") and returns the JSON
// encoding of its result (nil means null). It should return promptly once ctx
// is done: that is how a cancelled call stops the work in the worker.
type Func func(ctx context.Context, arg json.RawMessage) (json.RawMessage, error)

// ErrUnknownTask is the error (wrapped) for a task name that nobody registered.
var ErrUnknownTask = errors.New("unknown task")

// The registry maps names to tasks. Tasks travel between processes by name,
// as multiprocessing pickles a function as "module.name": both processes run
// the same program, so the name finds the same code on the other side.
var (
	registryMu sync.RWMutex
	registry   = builtins()
)

// Register makes fn available under name, to this process and to every
// worker it starts. Call it before [NewPool] or [Spawn] and, in a program
// that defines its own tasks, before [ServeIfWorker], so that the worker,
// which runs the same program from the start, registers the same tasks.
//
// It returns an error for an empty name, a nil fn, or a name already taken.
func Register(name string, fn Func) error {
	switch {
	case name == "":
		return errors.New("worker: Register needs a task name, got \"\"")
	case fn == nil:
		return fmt.Errorf("worker: Register %q: nil function", name)
	case len(name) > maxTaskName:
		return fmt.Errorf("worker: Register: task name of %d bytes is longer than %d", len(name), maxTaskName)
	}
	registryMu.Lock()
	defer registryMu.Unlock()
	if _, dup := registry[name]; dup {
		return fmt.Errorf("worker: Register: task %q is already registered", name)
	}
	registry[name] = fn
	return nil
}

// RegisterFunc registers fn, a task with Go types for its argument and
// result, under name: Register(name, Typed(fn)), so that a task need not
// decode and encode JSON itself. A is what callers pass ([Pool.Call]'s arg),
// R what they get back; both cross the pipe as JSON, so they need exported
// fields (or be plain values such as int, string or a slice).
//
//	err := worker.RegisterFunc("square", func(_ context.Context, n int) (int, error) {
//		return n * n, nil
//	})
//
// It returns an error for an empty name, a nil fn, or a name already taken.
func RegisterFunc[A, R any](name string, fn func(ctx context.Context, arg A) (R, error)) error {
	if fn == nil {
		return fmt.Errorf("worker: RegisterFunc %q: nil function", name)
	}
	return Register(name, Typed(fn))
}

// Lookup returns the task registered under name, so that it can also run in
// this process (the run package does that for its in-process strategies).
func Lookup(name string) (Func, bool) {
	registryMu.RLock()
	defer registryMu.RUnlock()
	fn, ok := registry[name]
	return fn, ok
}

// Tasks returns the registered task names in sorted order.
func Tasks() []string {
	registryMu.RLock()
	defer registryMu.RUnlock()
	names := make([]string, 0, len(registry))
	for name := range registry {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// maxTaskName bounds a task name so that a request frame stays small; no
// sensible name comes near it.
const maxTaskName = 1 << 10
