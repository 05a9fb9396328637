// Package waits runs many I/O waits at the same time, each on a goroutine or
// each on an OS thread of its own, and measures what that costs in memory
// and in time.
//
// This is the case asyncio was made for: ten thousand connections that each
// spend nearly all their time waiting. A Python thread per connection costs
// an OS thread each; asyncio keeps them all as coroutines on one thread.
// Go's answer is the goroutine: a goroutine that waits is parked by the
// runtime (on a timer, or on the network poller for a socket) and holds no
// thread, only its small stack.
//
// Every waiter blocks until its "data arrives", which for all of them is a
// chosen time after the last one started, like ten thousand clients of a
// server that all answer at once:
//
//   - [OnGoroutines] starts n goroutines that wait. A waiting goroutine is
//     waiting on a timer, a channel or the network is parked by the runtime
//     and holds no thread (one blocked in a system call, such as a read of
//     a regular file, holds its thread until the call returns).
//   - [OnThreads] does the same on n goroutines that each lock themselves to
//     an OS thread with [runtime.LockOSThread] first: a locked goroutine
//     keeps its thread even while it waits, so n waiters hold n threads,
//     asleep in the kernel like n Python threads blocked in a read. They
//     exit still locked, which ends their threads.
//
// Each returns a [Result]: how long starting them all took, how long waking
// them all took once the wait was over, and how much the process's memory
// (RSS) and thread count had grown while all of them waited, read from /proc
// through package [concurrencylab/kernel-helpers/memory]. [Sweep] runs both for several
// counts; [PlotMemory], [PlotTime] and [Verdict] show the outcome.
//
// Threads are a limited resource: the kernel caps them per user, per
// control group and for the whole machine, and the Go runtime aborts the
// whole program (rather than return an error) when it cannot create one or
// when it passes its own limit ([runtime/debug.SetMaxThreads], 10,000 by
// default). So OnThreads accepts at most [MaxThreads], checks the kernel's
// limits first and returns an error if there is not room, and raises the
// runtime's limit for the run if it must, restoring it once the threads
// are gone. This package needs Linux.
package waits
