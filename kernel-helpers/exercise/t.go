package exercise

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
)

// T is what an exercise's test uses to report, like testing.T. Its methods
// that end the test (Fail, NoError on an error, TooSlow) must be called
// from the test's own goroutine; they stop it with runtime.Goexit.
type T struct {
	ctx context.Context

	mu     sync.Mutex
	result *Result
}

// Context is cancelled when the exercise's timeout is up: pass it to the
// learner's function when it takes one.
func (t *T) Context() context.Context { return t.ctx }

func (t *T) end(o Outcome, format string, args ...any) {
	t.mu.Lock()
	if t.result == nil {
		t.result = &Result{Outcome: o, Hint: fmt.Sprintf(format, args...)}
	}
	t.mu.Unlock()
	runtime.Goexit()
}

// Fail ends the test: the learner's code is wrong, and the hint says how.
func (t *T) Fail(format string, args ...any) { t.end(Fail, format, args...) }

// TooSlow ends the test: the answer is right but the code took too long,
// for example because it ran one task after another.
func (t *T) TooSlow(format string, args ...any) { t.end(TooSlow, format, args...) }

// Leak ends the test: the code left something running.
func (t *T) Leak(format string, args ...any) { t.end(Leak, format, args...) }

// NoError ends the test when err is not nil: "not done yet" for
// [ErrNotDone], a failure naming the error otherwise.
func (t *T) NoError(err error) {
	switch {
	case err == nil:
	case errors.Is(err, ErrNotDone):
		t.end(NotDone, "")
	default:
		t.end(Fail, "your function returned an error: %v", err)
	}
}

// Passed records what a passing test checked; the check shows it.
func (t *T) Passed(format string, args ...any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.result == nil {
		t.result = &Result{Outcome: Pass, Hint: fmt.Sprintf(format, args...)}
	}
}

func (t *T) get() *Result {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.result
}
