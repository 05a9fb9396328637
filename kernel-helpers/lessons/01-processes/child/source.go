package child

import (
	"embed"

	"concurrencylab/kernel-helpers/source"
)

//go:embed figures.go kill.go separate.go
var files embed.FS

// Source returns the Go source of one of this package's functions, such as
// "SharedWithGoroutine", for a notebook to show.
func Source(name string) (string, error) { return source.Go(files, name) }
