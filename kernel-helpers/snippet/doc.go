// Package snippet builds and runs a small Go program, given as source text,
// in a throwaway module: the way a notebook shows what the Go tool says
// about a piece of code, such as the compiler's escape analysis
// (go build -gcflags=-m, see package escape) or the race detector's report
// (go build -race, see package datarace).
//
// [New] writes the source as main.go next to a go.mod in a new temporary
// folder; [Program.Build] runs go build there and [Program.Run] runs the
// binary it made; [Program.Remove] deletes the folder. The go command is the
// one on PATH, the same one GoNB uses to build notebook cells, with the
// environment cleaned of anything that would make it reach the network
// (GOTOOLCHAIN=local, GOFLAGS unset, no workspace).
//
// Everything the tools print passes through [StripPaths] first: compiler
// messages and stack traces name files by absolute path, and a path of the
// reader's machine has no place in a notebook's output. "main.go:17:2" says
// all a reader needs.
package snippet
