// Package cpythontest holds the test helper every package that runs the
// course's Python programs shares. It imports package testing, so only
// test files import it.
package cpythontest

import (
	"errors"
	"testing"

	"concurrencylab/kernel-helpers/cpython"
)

// Python3 returns this machine's python3, or skips t when there is none
// (the Go side of the course runs without it); any other error fails t.
func Python3(t testing.TB) cpython.Interpreter {
	t.Helper()
	in, err := cpython.Lookup(t.Context(), "python3")
	if errors.Is(err, cpython.ErrNoPython) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return in
}
