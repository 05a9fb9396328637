package startcost

import (
	"embed"

	"concurrencylab/kernel-helpers/source"
)

//go:embed startcost.go
var files embed.FS

// Source returns the Go source of one of this package's functions, such as
// "Start", for a notebook to show beside the Python it is compared with.
func Source(name string) (string, error) { return source.Go(files, name) }
