// Package heartbeat measures whether a long computation starves everything
// else, under a cooperative scheduler and under Go's preemptive one.
//
// A heartbeat is a task that wants to run every Interval (a progress bar, a
// server answering health checks, a timer in a game). While it runs, a CPU
// hog starts: a sum of square roots ([concurrencylab/workloads.SumSqrt])
// that never waits for anything. Every tick records when it was due and when
// it really ran; the difference is its lateness.
//
//   - [OnEventLoop] runs both as tasks of an asyncio-style event loop
//     (package [concurrencylab/kernel-helpers/eventloop]). The hog never
//     awaits, so the loop cannot take control back: no tick runs until the
//     hog has finished, and the tick that was due first comes about the
//     hog's whole duration late. In asyncio that is the rule, which is why
//     its documentation says to run CPU-bound code in an executor.
//   - [OnGoroutines] runs both as goroutines with [runtime.GOMAXPROCS] set to
//     1, so that they share one thread as asyncio's tasks do. Since Go 1.14
//     the runtime preempts a goroutine that has run too long, even in a loop
//     without function calls (the Go 1.14 release notes call it asynchronous
//     preemption): ticks keep coming while the hog runs, each a little late.
//
// [Result.Worst] and [Result.During] are the two figures that tell the
// schedulers apart; [Plot] draws every tick's lateness and [Verdict] says
// whether this machine shows the difference, with the figures.
package heartbeat
