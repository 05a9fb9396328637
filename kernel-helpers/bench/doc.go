// Package bench times work the way the course reports it: a warm-up run,
// then R timed repetitions, kept as samples so that plots can show their
// spread (min, median, max), together with a header describing the machine
// they were taken on.
//
// [Run] does the timing and returns a [Result]; [Speedup] compares two
// results by their medians; [Machine] describes the computer, without its
// name or any path, for the header above a table of timings.
//
// Why repetitions and a warm-up: the first call of anything pays extra
// (memory being mapped, caches filling, the Go runtime starting threads),
// and any call can be slowed by another program on the same machine. The
// median of a few calls after a warm-up is a figure that repeats from run to
// run; the spread says how much to trust it.
package bench
