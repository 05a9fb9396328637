// Package ipynb is the one reader of the course's notebook files (.ipynb,
// nbformat 4): the course map and headers (package course), the checks of
// a run's outputs (tooling/nbcheck), the HTML site (tooling/site) and the
// tool that records a run's time in a notebook (tooling/jupyter) all decode
// a notebook here, so they agree on what a notebook is and on what input is
// refused.
//
// [Parse] decodes the parts the course reads: cells (type, source, outputs,
// execution count, the exercise a cell belongs to) and the course's own
// metadata under "concurrencylab" ([Course]). [Tree] decodes a whole
// notebook as generic JSON, numbers kept as written, for a tool that edits
// it and writes it back.
//
// Both refuse, before decoding anything, a file larger than [MaxSize],
// holding more than [MaxValues] JSON values or nesting deeper than
// [MaxDepth], which bounds the memory a decode takes
// (TestAllocationIsBounded holds the worst shapes found to the bound the
// limits state), and JSON that is not a notebook object with a "cells"
// list. Neither panics on any input: FuzzParse and FuzzTree, whose seeds
// in testdata/fuzz `go test` runs as tests, look for inputs that do.
package ipynb
