package run

// The strategies' names: one spelling everywhere a strategy is named (run
// records, bench results, history filters, plot labels, the Python side),
// defined here once. A strategy with workers is shown with its count in
// brackets after the name ("process pool (2)", see [Strategy.String]); the
// name alone is what records, history and filters hold, with the count in
// a field of its own.
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
