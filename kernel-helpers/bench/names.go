package bench

import "strconv"

// The strategies' names: one spelling everywhere a strategy is named (run
// records, [Result.Strategy], history filters, plot labels, the Python
// side), defined here once, in the package every measuring package imports
// (package gil cannot import package run, which imports it). Package run
// re-exports them as run.NameSequential and so on: the same constants.
//
// A strategy with workers is shown with its count in brackets after the
// name ("process pool (2)", see [Shown]); the name alone is what records,
// history and filters hold, with the count in a field of its own
// ([Result.Workers]).
const (
	NameSequential     = "sequential"         // one task after another
	NameGoroutines     = "goroutines"         // a goroutine per task
	NameGoroutinePool  = "goroutine pool"     // n goroutines taking tasks from a queue
	NameOSThreads      = "OS threads"         // a goroutine locked to its own OS thread per worker
	NameMaxProcs       = "GOMAXPROCS-limited" // goroutines with GOMAXPROCS lowered
	NameGILThreads     = "GIL threads"        // OS threads under the emulated GIL
	NameProcessPool    = "process pool"       // n worker processes taking tasks
	NameProcessPerTask = "process per task"   // a new process for every task
	// The Python side's names, for the same ideas in CPython.
	NameThreads    = "threads"     // a threading.Thread per task
	NameProcesses  = "processes"   // a multiprocessing.Process per task
	NameThreadPool = "thread pool" // concurrent.futures.ThreadPoolExecutor
)

// Shown is how plots and tables show a strategy: its name, followed by its
// count of workers in brackets when it has one ("process pool (2)"), or the
// name alone for workers <= 0.
func Shown(name string, workers int) string {
	if workers <= 0 {
		return name
	}
	return name + " (" + strconv.Itoa(workers) + ")"
}
