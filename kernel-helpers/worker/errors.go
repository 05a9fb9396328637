package worker

import (
	"errors"
	"fmt"
	"strings"
)

// ErrClosed is the error (wrapped) for a call on a closed [Pool], or a call
// still waiting when the pool was closed.
var ErrClosed = errors.New("worker pool closed")

// CrashError reports a worker process that died while it had a task: the
// task panicked, called os.Exit, or the process was killed. It is the Go
// analog of CPython's BrokenProcessPool, but it names the task, and a [Pool]
// replaces the dead worker instead of breaking: other calls carry on.
type CrashError struct {
	Task   string // the task the worker was running
	PID    int    // the worker process that died
	Err    error  // how it ended, e.g. "exit status 2" or "signal: killed"
	Stderr string // the end of what the worker wrote to stderr (a panic's message and stack)
}

func (e *CrashError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "worker: task %q: worker process %d died", e.Task, e.PID)
	if e.Err != nil {
		fmt.Fprintf(&b, ": %v", e.Err)
	}
	if s := stderrSummary(e.Stderr); s != "" {
		fmt.Fprintf(&b, "; stderr: %s", s)
	}
	return b.String()
}

func (e *CrashError) Unwrap() error { return e.Err }

// TaskError is an error a task returned in the worker. The worker is fine and
// goes on serving; only the message crosses the pipe, as in multiprocessing,
// where the exception is pickled back to the parent.
type TaskError struct {
	Task string
	PID  int
	Msg  string
}

func (e *TaskError) Error() string {
	return fmt.Sprintf("worker: task %q (pid %d): %s", e.Task, e.PID, e.Msg)
}

// PanicError is a panic in a task that ran in this process, turned into an
// error so that one bad task cannot crash the notebook or lose the other
// tasks' results, as an exception raised in a Python task is kept in its
// future. It is the one panic error of the course:
// [concurrencylab/kernel-helpers/run.PanicError] (a task of a batch) and
// [concurrencylab/kernel-helpers/futures.PanicError] (a task of an executor)
// are this type. (A panic in a worker process ends that process instead: see
// [CrashError].)
type PanicError struct {
	Task  string // the task's name, or "" where tasks have none (futures)
	Value any    // what the task passed to panic
	Stack []byte // the goroutine's stack where it panicked
}

func (e *PanicError) Error() string {
	if e.Task == "" {
		return fmt.Sprintf("task panicked: %v", e.Value)
	}
	return fmt.Sprintf("task %q panicked: %v", e.Task, e.Value)
}

// stderrSummary picks what a one-line error should show of a dead worker's
// stderr: the line of a Go panic or fatal error if there is one (the stack
// that follows is in Stderr), else the last non-empty line.
func stderrSummary(s string) string {
	last := ""
	for line := range strings.Lines(s) {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "panic: ") || strings.HasPrefix(line, "fatal error: ") {
			return line
		}
		if line != "" {
			last = line
		}
	}
	return last
}
