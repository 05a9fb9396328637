package worker

import (
	"embed"

	"concurrencylab/kernel-helpers/source"
)

// The files whose functions a notebook shows: how a worker process starts.
//
//go:embed proc.go launcher.go serve.go
var files embed.FS

// Source returns the Go source of one of the functions that start and
// serve a worker process, such as "startProc", "startOnLauncher",
// "launch" or "ServeIfWorker", read from the very files that are compiled.
func Source(name string) (string, error) { return source.Go(files, name) }
