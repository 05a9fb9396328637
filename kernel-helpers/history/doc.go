// Package history keeps every measurement a notebook makes in a file on disk,
// so that "rerun the cell and compare" works.
//
// GoNB runs each notebook cell as a new program: when a cell ends, every
// variable it filled is gone, and so are the timings of the previous run.
// A [Store] appends each [bench.Result] to a JSON-lines file (one JSON object
// per line) together with the time, the machine it ran on and a label for the
// settings of the run, such as "GOMAXPROCS=1". A later cell, or the same cell
// after a kernel restart, reads the lines back and plots this run against the
// earlier ones ([Compare], [Plot]).
//
// By default the file is .history/results.jsonl in the notebook's folder
// ([DefaultPath]); the environment variable CONCURRENCYLAB_HISTORY names
// another file, and [Open] takes a path directly. The folder is git-ignored:
// timings belong to the reader's machine, not to the course.
//
// Two notebooks (two kernels, two processes) may append at the same moment.
// Each append takes an exclusive lock on the file (flock(2) on Unix) and adds
// its lines with one write, so lines never interleave and none is lost;
// [Store.Forget] rewrites the file into a temporary one and renames it over
// the old one under the same lock, so a reader sees the old file or the new
// one, never half of each. A line that cannot be read (cut short by a crash,
// edited by hand) is skipped with a warning instead of stopping the notebook.
//
// A measurement cell records, a compare cell plots:
//
//	h, err := history.Default()
//	...
//	err = h.Record("", result)               // or h.Record("GOMAXPROCS=1", result)
//	...
//	display.Plot(h.Plot("sumsqrt"))
package history
