package run

import (
	"embed"

	"concurrencylab/kernel-helpers/source"
)

// The file whose functions a notebook shows: the batch and its pools.
//
//go:embed batch.go
var files embed.FS

// Source returns the Go source of one of the batch's functions or methods,
// such as "batch.pool", "batch.worker" or "batch.take": the goroutine pool
// on the page, read from the very file that is compiled.
func Source(name string) (string, error) { return source.Go(files, name) }
