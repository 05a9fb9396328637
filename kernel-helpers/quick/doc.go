// Package quick tells a notebook whether to run in quick mode.
//
// The notebook tests execute every notebook from top to bottom. With the
// real sizes that would take minutes, so they set the environment variable
// CONCURRENCYLAB_QUICK=1 and each notebook picks small sizes instead:
//
//	n := quick.Pick(int64(50_000_000), int64(100_000))
//
// This package is the one place that reads that variable, so its spelling and
// the values it accepts are decided here and nowhere else.
package quick
