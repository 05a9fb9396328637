// Package startcost measures what it costs to start a unit of concurrency
// and wait for it to end: a process, an OS thread, a goroutine.
//
// The Python tutorials say processes are expensive to start and threads
// cheap; Go adds a third, cheaper still. [Start] starts one of a [Kind] and
// waits for it:
//
//   - [Process]: a worker process (package worker), the current program
//     started again, running an empty task ("noop"), then reaped: what
//     multiprocessing.Process(target=f).start() then join() does with the
//     spawn start method (a fresh program; Python's default on Linux up to
//     3.13 is fork, which copies the running parent instead and costs less:
//     package startmethod measures every start method). It pays for the
//     kernel creating a process, loading the program, the Go runtime
//     starting up, and a round trip on a pipe.
//   - [Thread]: a fresh OS thread. Go has no call to create a thread; the
//     runtime creates threads itself when it needs them. This package makes
//     it need one: a goroutine calls [runtime.LockOSThread] and ends without
//     unlocking, and a goroutine that ends locked takes its thread with it:
//     the runtime ends the thread instead of reusing it. Each start thus
//     retires one thread, and the runtime must create a new one for the
//     next (clone(2) on Linux), as Python's threading.Thread(...).start()
//     creates one. [CheckThreads] verifies it: it records each start's
//     thread id (gettid) and counts the ids that did not exist before.
//   - [Goroutine]: go f() and wait for f to end (a [sync.WaitGroup]).
//
// [Sweep] times many starts, one after the other, for each kind; [Series]
// turns the results into lines for a log-log plot, and [Verdict] compares
// the cost of one start of each kind, with the figures.
package startcost
