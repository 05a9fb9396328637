// Package firstlook holds the overview notebook's first measurement: CPU
// work one task after another against one goroutine per core, then the same
// total work on 1, 2, … goroutines, each said in a sentence beside the
// tutorial figures it answers, and a note on how many runs the history holds
// for the "rerun and compare" plot.
//
// The sentences name whose claim they set the figures against: tutorial 001
// (its 16 tasks one after another and on 16 processes, on 16 CPUs) and
// tutorial 000 (1, 2 and 4 processes). Their figures are theirs, on their
// machines; the ideal speedup here is the run's GOMAXPROCS ([bench.Cores]).
// The verdicts are pure functions of the results, so they are tested with
// made-up ones.
package firstlook
