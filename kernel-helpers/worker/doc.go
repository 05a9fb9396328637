// Package worker runs tasks in other processes: the Go analog of Python's
// multiprocessing and of concurrent.futures.ProcessPoolExecutor.
//
// Goroutines already run Go code on every core, so Go rarely needs worker
// processes for speed. The course uses them to show what Python programmers
// pay for when they escape the GIL: starting a process, copying arguments
// and results through a pipe, and separate memory.
//
// # How a worker starts
//
// Python's multiprocessing ("spawn" start method) starts a fresh interpreter
// and tells it which function to run by name. Go cannot fork a running
// program safely (its threads do not survive fork), so this package does
// the same as spawn: it re-executes the current program
// ([os.Executable]) with the environment variable CONCURRENCYLAB_WORKER set.
// The child sees the variable and, instead of doing what the program
// normally does, serves tasks on its stdin and stdout until the pipe
// closes. This works for any program built with go build, including a GoNB
// notebook cell, and for test binaries.
//
// Where the child starts serving depends on the program:
//
//   - A program that calls [ServeIfWorker] first thing in main (or TestMain),
//     after its [Register] calls, serves there, with all its tasks.
//   - A program that never calls it, such as a notebook cell, serves from
//     this package's init, before main runs. Only the built-in tasks exist
//     at that point, because other packages' init functions have not run.
//
// The child drops GoNB's GONB_* variables, so a worker started from a
// notebook never talks to the notebook's pipes, and it points its own
// stdout at stderr, so a task that prints cannot corrupt the protocol.
//
// # Tasks by name
//
// A closure cannot cross a process boundary; a name can. multiprocessing
// pickles a function as "module.name" and the child imports it; here
// [Register] maps a name to a [Func], and both processes, running the same
// program, register the same names. Arguments and results cross the pipe as
// JSON, as pickles do in Python, which is why a [Func] takes and returns
// [encoding/json.RawMessage]. The built-in tasks are "noop", "echo",
// "count" ([concurrencylab/workloads.CountTo]), "sumsqrt"
// ([concurrencylab/workloads.SumSqrt]), "sleep", "getpid", "setvar" and
// "getvar" (a variable each process has its own copy of), and, to break
// workers on purpose, "panic", "exit" and "hang".
//
// # A notebook's own task
//
// A worker runs the notebook's program again from the start, so the task
// must be registered, and the worker told to serve, before anything else in
// the cell runs: register with [RegisterFunc] (typed) or [Register] (raw
// JSON), then call [ServeIfWorker], at the top of the cell's main body (in
// GoNB, right after the %% line). Define the task function itself at the
// top level of the cell:
//
//	func square(_ context.Context, n int) (int, error) { return n * n, nil }
//
//	%%
//	if err := worker.RegisterFunc("square", square); err != nil {
//		panic(err)
//	}
//	worker.ServeIfWorker() // a worker serves here; the notebook goes on
//	pool, err := worker.NewPool(context.Background(), 2)
//	...
//	var sq int
//	_, err = pool.Call(ctx, "square", 7, &sq) // sq == 49
//
// Code above ServeIfWorker runs in every worker too, so keep it to the
// Register calls. GoNB's init_name functions (rendered as init) work as well
// for the Register calls, with ServeIfWorker still first in the %% body. A
// task that the workers do not know fails with [ErrUnknownTask], naming the
// task: the sign that ServeIfWorker came before the Register call, or is
// missing.
//
// # Pools, single processes, and failures
//
// A [Pool] keeps N workers and sends them calls ([Pool.Call]); [Spawn]
// starts a process for one task, to show what creating one costs.
//
// When a worker dies in the middle of a task (the task panicked, called
// os.Exit, or someone killed the process) the call returns a [*CrashError]
// naming the task. In CPython the same event raises BrokenProcessPool and
// breaks the whole executor, failing every pending future; a Pool instead
// reaps the dead process, starts a replacement, and resends the calls that
// were waiting for the dead worker but had not started. Results already
// returned are never affected.
//
// Cancelling the context of a call asks the worker to stop that task; a
// worker that has not stopped within 200 ms is killed and replaced. Ending
// the context given to [NewPool] closes the pool: every worker is killed at
// once. Every worker is always waited for, so none is left as a zombie.
// Each worker leads a process group of its own, and killing a worker kills
// its group: a process a task started dies with it. Each is also started
// with a parent-death signal, so neither it nor what its tasks started
// outlives the program as an orphan; because Linux ties that signal to the
// thread that forked, not to the process, workers are forked from one
// launcher thread that lives as long as any worker does (launcher.go), so a
// locked goroutine ending elsewhere never kills a worker. A pool has at most
// [MaxWorkers] workers. Workers need Linux.
package worker
