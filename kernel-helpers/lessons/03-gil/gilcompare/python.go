package gilcompare

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"concurrencylab/kernel-helpers/cpython"
)

// pythonTimeout bounds one Python program of an experiment. The notebook's
// take seconds; a minute means something is stuck.
const pythonTimeout = time.Minute

// findPython returns the interpreters to run beside Go when want is true:
// every one [cpython.Find] finds, or none, without an error, when this
// machine has no usable Python.
func findPython(ctx context.Context, want bool) ([]cpython.Interpreter, error) {
	if !want {
		return nil, nil
	}
	found, err := cpython.Find(ctx)
	if errors.Is(err, cpython.ErrNoPython) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("gilcompare: %w", err)
	}
	for i := range found {
		found[i].Timeout = pythonTimeout
	}
	return found, nil
}

// PythonReport says in Markdown which Pythons this machine has for the
// notebook's CPython figures: each interpreter with its version and whether
// it runs with a GIL, and whether a free-threaded build was found. Without any
// usable Python it says so plainly, with the reason, and that only the Go side
// will be shown. It never names a path.
func PythonReport(ctx context.Context) string {
	found, err := cpython.Find(ctx)
	return pythonReport(found, err)
}

func pythonReport(found []cpython.Interpreter, err error) string {
	if err != nil {
		return fmt.Sprintf("**No CPython figures on this machine:** %v. Every cell below still measures the Go side; "+
			"the CPython bars and lines are left out.", err)
	}
	var b strings.Builder
	b.WriteString("**Python on this machine:**\n\n")
	free := false
	for _, in := range found {
		gil := "with the GIL"
		if in.FreeThreaded {
			gil, free = "free-threaded: no GIL", true
		}
		fmt.Fprintf(&b, "- `%s`: %s %s, %s; its results are labelled `%s-…`\n", in.Name, in.Implementation, in.Version, gil, in.Prefix())
	}
	if !free {
		fmt.Fprintf(&b, "\nNo free-threaded build (%s) is on the PATH, so there is no line for Python without a GIL.",
			strings.Join(cpython.Candidates[1:], ", "))
	}
	return b.String()
}
