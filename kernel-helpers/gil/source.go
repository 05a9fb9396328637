package gil

import (
	"embed"

	"concurrencylab/kernel-helpers/source"
)

// The files whose functions a notebook shows: the handover itself.
//
//go:embed gil.go
var files embed.FS

// Source returns the Go source of one of this package's functions or
// methods, as "take", "drop" or "Thread.Check", with its doc comment: the
// GIL's handover on the page, read from the very file that is compiled.
func Source(name string) (string, error) { return source.Go(files, name) }
