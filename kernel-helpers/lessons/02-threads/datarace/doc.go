// Package datarace is the course's lesson on data races, measured: how many
// updates a race loses ([MeasureLosses]), how the race detector catches it
// ([Detect]), and what each fix costs per increment ([FixCosts]).
//
// A data race is two accesses to the same memory, at least one a write,
// that nothing orders (the Go memory model's definition): it needs no two
// goroutines running at the same instant. The loops of package counter
// (workloads/counter, loops.go) make one on purpose, and [Source] shows that
// very file, so the page shows the code that runs: goroutines adding 1 to a shared count with
// no synchronisation lose updates, and nothing reports it; with
// GOMAXPROCS=1 ([MeasureLossesOn]) they still do, because a goroutine can
// be preempted between its load and its store. Counting the loss shows the damage, but a run that
// happens to lose nothing proves nothing: the race is still there.
//
// The race detector finds races whether or not they did damage in that run.
// Built with go build -race, a program records every memory access and
// which goroutine made it, and reports two accesses that nothing ordered,
// with the stacks of both: "WARNING: DATA RACE". [Detect] builds a program
// that way in a throwaway module (package snippet), runs it and returns
// what the detector said, file paths reduced to base names. [Racy] is the
// program the course checks; [Fixed] is the same with an atomic counter, on
// which the detector stays silent.
//
// The same race happens elsewhere: in CPython threads under the GIL
// ([CPythonThreadRace], cpython/py/nb02_race.py), in processes that share
// memory, each with its own GIL or Go runtime ([CPythonProcessRace],
// [GoProcessRace]); [CompareThreads], [CompareProcesses] and [CheckFixes]
// run them side by side and give the figures of the notebook's claims.
//
// Every function here that counts takes a context and returns soon after it
// ends (counter.Count looks at it every few thousand increments), with an
// error that wraps ctx.Err(); a nil context is an error.
//
// The detector only sees the accesses that really happen while the program
// runs, slows it down several times and multiplies its memory: it is for
// tests (go test -race), not production.
package datarace
