// Package sched shows how Go's scheduler runs many goroutines on a few OS
// threads: the M:N model, M goroutines on N threads.
//
// An OS thread is what the kernel schedules onto a core; it has a thread id
// (TID, from the gettid system call) and a stack of its own, megabytes
// reserved. A goroutine is the Go runtime's own, much smaller unit: the
// runtime keeps GOMAXPROCS threads running Go code (one per core by
// default) and switches goroutines on and off them itself, without asking
// the kernel. Python's threads are OS threads, one each; Go's goroutines are
// not, which is why a Go program can have a hundred thousand of them.
//
// Two measurements show it:
//   - [ThreadCounts] parks more and more goroutines and reads this process's
//     OS thread count from /proc (package memory) each time: it stays about
//     the same, a handful past GOMAXPROCS. The same goroutines locked to
//     their threads with [runtime.LockOSThread] need one thread each.
//   - [Trace] runs a few CPU-bound goroutines and records, for every step
//     of work, the id of the OS thread it ran on: the goroutines share a
//     few threads and hop between them, unless locked, when each keeps one
//     thread of its own. [Spans] turns the trace into a timeline with one
//     row per thread.
//
// Linux only, like package memory: TIDs and thread counts come from the
// kernel.
package sched
