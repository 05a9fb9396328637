// Package source shows, in a notebook, the code that actually runs: a Go
// function taken from the source files a package embeds, or a Python
// function taken from one of the course's Python programs. The taught code
// is then on the page, and it cannot drift from what is measured, because
// it is read from the very files that are compiled (or run by python3).
//
// A lesson package embeds the files whose functions a notebook shows:
//
//	//go:embed race.go
//	var files embed.FS
//
//	// Source returns the Go source of one of this package's functions.
//	func Source(name string) (string, error) { return source.Go(files, name) }
//
// and a cell shows it with [Show]:
//
//	source.Show("go", must(datarace.Source("Racy")))
package source
