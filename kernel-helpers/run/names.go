package run

import "concurrencylab/kernel-helpers/bench"

// The strategies' names: one spelling everywhere a strategy is named (run
// records, bench results, history filters, plot labels, the Python side).
// They are defined once, in package bench (see [bench.NameSequential]),
// which package gil can import too; these are the same constants, so that a
// notebook that runs batches finds them here. A strategy with workers is
// shown with its count in brackets after the name ("process pool (2)", see
// [Strategy.String]); the name alone ([Strategy.Name]) is what records,
// history and filters hold, with the count in a field of its own.
const (
	NameSequential     = bench.NameSequential     // one task after another
	NameGoroutines     = bench.NameGoroutines     // a goroutine per task
	NameGoroutinePool  = bench.NameGoroutinePool  // n goroutines taking tasks from a queue
	NameOSThreads      = bench.NameOSThreads      // a goroutine locked to its own OS thread per worker
	NameMaxProcs       = bench.NameMaxProcs       // goroutines with GOMAXPROCS lowered
	NameGILThreads     = bench.NameGILThreads     // OS threads under the emulated GIL
	NameProcessPool    = bench.NameProcessPool    // n worker processes taking tasks
	NameProcessPerTask = bench.NameProcessPerTask // a new process for every task
	// The Python side's names, for the same ideas in CPython.
	NameThreads    = bench.NameThreads    // a threading.Thread per task
	NameProcesses  = bench.NameProcesses  // a multiprocessing.Process per task
	NameThreadPool = bench.NameThreadPool // concurrent.futures.ThreadPoolExecutor
)
