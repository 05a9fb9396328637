// Package gilcompare puts the emulated GIL of package
// [concurrencylab/kernel-helpers/gil] side by side with what it is compared
// with in the GIL notebook: goroutines without a GIL, goroutines at
// GOMAXPROCS=1, and real CPython (package
// [concurrencylab/kernel-helpers/cpython]) measured in the same call.
//
// Each experiment is one function that measures and returns
// [bench.Result] records (or, for [Turns], who ran when), one function that
// draws them, and one that says in a sentence, with the figures, whether this
// machine agrees with what the course claims:
//
//   - [CPU]: CPU-bound tasks one after another, on goroutines, on threads
//     under the emulated GIL, and in CPython sequentially, on threads and on
//     processes (and on threads of a free-threaded CPython if one is
//     installed). A GIL lets one thread run at a time, so threads gain
//     nothing; goroutines and processes use every core.
//   - [Turns]: when each CPU-bound task really ran. Under the GIL the
//     threads take turns of about one switch interval; without it they run at
//     once; at GOMAXPROCS=1 they also take turns, but of the length Go's
//     scheduler picks.
//   - [Convoy]: how late a thread that sleeps for a moment (a stand-in for a
//     quick I/O call) gets going again beside 0, 1, 2 CPU-bound threads. Under
//     a GIL it waits about one switch interval: the convoy effect.
//   - [Sweep]: the same against the switch interval, and optionally at
//     GOMAXPROCS=1, where the interval means nothing.
//   - [Sleeps]: sleeping threads under the GIL still overlap, because a
//     blocking call releases the GIL.
//   - [Summary]: the speedups of the last [CPU] run and the convoy figures
//     of the last [Convoy] run, read back from the results history
//     (package [concurrencylab/kernel-helpers/history]), since every
//     notebook cell is a new program.
//
// Go tasks and Python tasks are sized by time, not by loop count: CPython
// runs the same loop tens of times slower, so each side calibrates its own
// count to the same task time, and their bars can stand side by side.
//
// The measuring functions record their results in a history store when
// given one, with the label "switch interval 2ms" (for example) when the
// interval is not CPython's default, so that a rerun with another interval
// shows up as such in a comparison chart.
package gilcompare
