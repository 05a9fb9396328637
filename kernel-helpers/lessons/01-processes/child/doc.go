// Package child starts child processes to show, from the outside, what makes
// a process a process: a PID and memory of its own, and an end that can come
// at any moment.
//
// [Separate] starts a worker process (package worker) and sets a variable in
// it and in this process: each keeps its own value, because each process has
// its own memory. A Go program starts a child by running a program from
// scratch, its own executable here, like Python's "spawn" start method (the
// default on macOS and Windows): the child does not even begin with a copy
// of the parent's variables. Python's "fork" (the default on Linux up to
// 3.13) gives the child a copy of the parent's memory at the fork;
// "forkserver" (the Linux default from 3.14) forks a clean server process
// instead. [SharedWithGoroutine] runs the same write in a goroutine, which
// its process does see.
//
// [Kill] starts a child that counts, reporting its progress on a pipe every
// few milliseconds, and kills it with SIGKILL in the middle. The kernel ends
// a killed process at once, wherever it is: no deferred function, no
// cleanup, no last message. All it had not reported is gone with its memory.
// Kill then reaps it (waits for its exit status, so no zombie remains) and
// checks that its PID no longer exists.
//
// The counting child is this same program started again with the
// environment variable CONCURRENCYLAB_CHILD set; this package's init
// function sees it, counts, and exits before main runs. That works from a
// notebook cell, a command and a test binary alike. The child gets SIGKILL
// too if its parent dies first (Linux's parent-death signal), so it is never
// left running as an orphan. Strictly, that signal comes when the parent's
// thread that started the child ends (prctl(2), PR_SET_PDEATHSIG), which in
// Go can happen before the process ends, for instance when a goroutine
// locked to that thread exits (golang/go#27505). The Go runtime ends a
// thread only then, and Kill's caller locks none.
package child
