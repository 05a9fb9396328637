package eventloop

import (
	"embed"

	"concurrencylab/kernel-helpers/source"
)

//go:embed eventloop.go
var files embed.FS

// Source returns the Go source of one of this package's functions or
// methods ("Task.Sleep", "Loop.step", "Loop.cancelAll", ...), doc comment
// included, read from the file that is compiled: show it with
// source.Show("go", ...).
func Source(name string) (string, error) { return source.Go(files, name) }
