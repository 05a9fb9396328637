package deadlock

import (
	"context"
	"errors"
	"time"

	"concurrencylab/kernel-helpers/claims"
	"concurrencylab/kernel-helpers/cpython"
)

// Comparison is the two-lock experiment in Go and in CPython threads.
type Comparison struct {
	Go, Py Result
	// PyErr says why the CPython side is missing.
	PyErr error
}

// Compare runs [Run] and, when py is not nil, [CPython] with the same hold
// and timeout. A CPython failure is kept in PyErr; a Go one is returned.
func Compare(ctx context.Context, py *cpython.Interpreter, hold, timeout time.Duration) (Comparison, error) {
	var c Comparison
	var err error
	if c.Go, err = Run(ctx, hold, timeout); err != nil {
		return c, err
	}
	if py == nil {
		c.PyErr = cpython.ErrNoPython
		return c, nil
	}
	c.Py, c.PyErr = CPython(ctx, *py, hold, timeout)
	return c, nil
}

// Markdown says what each side did, in two lines.
func (c Comparison) Markdown() string {
	s := "**Go goroutines:** " + c.Go.String() + "\n\n**CPython threads:** "
	switch {
	case c.PyErr == nil:
		return s + c.Py.String() + " The deadlocked threads were daemons: they ended with the interpreter."
	case errors.Is(c.PyErr, cpython.ErrNoPython):
		return s + "not run, no python3 on this machine."
	}
	return s + "not run: " + c.PyErr.Error()
}

// Figures are the figures of claim 003-race-deadlock.
func (c Comparison) Figures() claims.Figures {
	f := claims.Figures(c.Go.Figures("go"))
	if c.PyErr == nil {
		for k, v := range c.Py.Figures("cpython") {
			f[k] = v
		}
	}
	return f
}
