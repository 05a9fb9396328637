package asyncio

import (
	"embed"

	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/source"
)

// The files that hold the patterns, embedded so that [Source] shows the code
// that runs, not a copy that may drift from it.
//
//go:embed gather.go first.go
var patterns embed.FS

// Source returns the Go source of the pattern function called name
// (TaskGroup, GatherLimit, GatherSemaphore, First or WaitFor), doc comment
// included; show it with source.Show("go", ...).
func Source(name string) (string, error) { return source.Go(patterns, name) }

// PythonSource returns the Python function def of notebook 05's CPython
// program, to show beside the Go.
func PythonSource(def string) (string, error) {
	src, err := cpython.Source("async_alternatives")
	if err != nil {
		return "", err
	}
	return source.Python(src, def)
}
