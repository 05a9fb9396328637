// Package iobound runs the tutorials' I/O-bound experiment: downloading many
// pages, here from the course's slow local server (package
// [concurrencylab/workloads/latency]), one after the other, on goroutines, on
// OS threads and on worker processes.
//
// For I/O-bound work the Python tutorials' verdict flips: threads help as
// much as processes, because a thread waiting for the network releases the
// GIL. In Go nothing is locked to begin with; what the experiment shows is
// that the waits overlap whoever waits, and that processes only add what
// starting them and talking to them costs.
//
// The package registers the worker task "fetch" ([Task]) when it is
// imported: its argument is a URL and its result the number of bytes read.
// Worker processes must have it too, so a program that runs it in worker
// processes must call [worker.ServeIfWorker] first thing in main (in a
// notebook cell: the first line after %%), the way a Python program that
// uses multiprocessing puts its work under if __name__ == "__main__".
//
// [Threads] runs tutorial 003's own comparison on the same server: CPython
// fetching with urllib one after the other and on a thread per page
// (py/n04_fetch.py), beside Go one after the other ([OneByOne]) and on a
// goroutine per page ([OnePerPage]); its figures judge claim 003-io-threads.
package iobound
