// Package startmethod runs real CPython beside the Go of notebook 01: what
// multiprocessing's start methods cost, what a child's memory starts with,
// how many threads a python3 process has, and what a kill leaves behind.
//
// Python's multiprocessing starts a child in one of three ways, its start
// methods: "fork" copies the running parent (the default on Linux up to
// Python 3.13), "forkserver" asks a small server process, started once, to
// fork a clean copy of itself (the Linux default from 3.14), and "spawn"
// starts a fresh interpreter that imports the program again (the default on
// macOS since 3.8 and on Windows). [Measure] runs the course's program
// pstart.py (package cpython) on the reader's python3, which times
// Process(target=f).start() then join() under every start method it has,
// and a threading.Thread's start and join; checks whether a child sees a
// global the parent changed before starting it, and whether the parent sees
// the child's change; counts the process's threads in /proc; and kills a
// child that holds a multiprocessing.Lock. The default start method is the
// one the running interpreter reports, never a guess.
//
// [Report.Figures] gives the CPython figures of the notebook's claims
// (package claims), [GoStarts] the Go ones from package startcost. Without
// python3, [Measure] returns a report that says so and has no figures, so the
// Go side still runs.
package startmethod
