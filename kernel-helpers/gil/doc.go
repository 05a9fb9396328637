// Package gil is an emulated Global Interpreter Lock, built the way CPython's
// has worked since Python 3.2, so that Go programs can show what the GIL does
// to threads: CPU-bound threads take turns instead of running in parallel,
// threads that wait for I/O let others run, and an I/O thread stuck behind a
// CPU-bound one waits a whole switch interval (the "convoy effect").
//
// # How CPython's GIL works, and how this one copies it
//
// The rules below follow the notes at the top of CPython's
// Python/ceval_gil.c.
//
//   - One thread at a time holds the GIL; only the holder runs Python code.
//     Here, a goroutine runs "Python code" between [Thread.Acquire] and
//     [Thread.Release].
//   - The holder keeps the GIL until it blocks: a blocking call such as
//     time.sleep or a socket read releases the GIL first and takes it back
//     afterwards. Here that is [Thread.Blocking].
//   - A thread that wants the GIL waits one switch interval (5 ms by
//     default, sys.getswitchinterval()). If the GIL has not changed hands by
//     then, it sets a "drop request". See [GIL.SetSwitchInterval].
//   - The holder notices the request the next time its interpreter loop
//     checks its "eval breaker", drops the GIL, and waits until another
//     thread has taken it (CPython's FORCE_SWITCHING), so that it cannot
//     grab the GIL straight back. Here the check is [Thread.Check]: CPU-bound
//     work calls it regularly, for example through
//     [concurrencylab/workloads.CountToWith]. When nobody asked for the GIL
//     the check is a single atomic load.
//
// A typical use:
//
//	g := gil.New()
//	t := g.Thread() // one per goroutine, like a CPython thread state
//	t.Acquire()
//	defer t.Release()
//	workloads.CountToWith(n, t.Check) // CPU work, checking the GIL
//	t.Blocking(func() {               // "I/O" without the GIL
//		time.Sleep(time.Millisecond)
//	})
//
// [GIL.Run] runs a batch of tasks on goroutines locked to their own OS
// threads, all under one GIL, the way a Python program starts threads and
// joins them; [Convoy] measures the convoy effect. [GIL.Stats] and
// [Thread.Stats] count switches, drop requests and how long the GIL was held.
// Code that is handed only a [context.Context] finds its thread there:
// [NewContext] puts it in, [CheckFunc] and [Blocking] use it, and do nothing
// extra when there is no GIL.
//
// The GIL's timing rests on the waiting goroutine getting to run when its
// interval is up. With GOMAXPROCS=1 it can only run once Go's scheduler
// preempts the spinning holder, which it does after 10 ms at the earliest, so
// the GIL changes hands several times less often: a scheduler limit on top of
// the lock, much as a Python thread on a one-core machine waits for the
// operating system to run it.
//
// This is a model for teaching, not a copy of CPython: there is no
// interpreter, no reference counting and no C extension here, only the
// locking protocol, so that its consequences can be measured and compared
// with real CPython (see package [concurrencylab/kernel-helpers/cpython]).
package gil
