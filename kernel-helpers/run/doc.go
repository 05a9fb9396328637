// Package run runs a batch of tasks under a named strategy and records who
// ran each task and when: the one way the course runs the same work as
// Python would with a loop, with threads, or with processes.
//
// The strategies, from [Strategies]:
//
//   - [Sequential]: one task after another, the baseline.
//   - [Goroutines]: one goroutine per task, like one thread per task in Python.
//   - [GoroutinePool]: n goroutines sharing the tasks, like ThreadPoolExecutor.
//   - [OSThreads]: n goroutines each locked to an OS thread of its own with
//     [runtime.LockOSThread], so the thread ids in the records are real
//     threads, as Python's threading gives.
//   - [MaxProcs]: one goroutine per task with GOMAXPROCS lowered for the
//     batch: concurrency without parallelism, the closest Go gets to a GIL.
//   - [ProcessPool] and [UsePool]: n worker processes from package
//     [concurrencylab/kernel-helpers/worker], like multiprocessing.Pool.
//   - [ProcessPerTask]: a new process for every task, to show what that costs.
//
// [Batch] returns one [Record] per task, in task order: the result or the
// error, the start and end times, and the goroutine, OS thread (gettid) and
// process that ran it. Plotting Start and End per TID or PID shows which
// tasks overlapped.
//
// A task is a Go function ([Task.Func]) for the in-process strategies, and
// the name of a registered worker task ([Task.Worker]) for the process
// strategies, because a function cannot travel to another process; a task
// with only a worker name runs under every strategy. Nothing is lost when a
// task fails: a task's error, a panic (as a [*PanicError]) or the death of
// its worker process (a [*worker.CrashError]) goes into that task's record,
// the other records keep their results, and Batch's error joins the
// failures, each naming its task. Cancelling the context stops the batch:
// tasks not yet started are skipped, running ones are told through their
// context, and worker processes are killed.
package run
