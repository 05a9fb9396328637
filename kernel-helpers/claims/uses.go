package claims

import "fmt"

// Claims judged from another claim's figures (see [Claim.Uses]): one
// experiment answers both, and the ledger shows both.
func init() {
	register(
		Claim{
			ID: "001-single-process-gil", Facts: true,
			Seed:       Seed001,
			Quote:      "only a single Python process is run, even though multiple threads … are executed. This is because of the GIL.",
			Theirs:     "16 threads on 16 logical CPUs, one python process seen in the system monitor",
			Notebook:   "01-processes",
			Experiment: "the OS threads /proc counts in one python3 process and in one Go program (Go has no GIL), from claim 004-smallest-unit",
			Uses:       "004-smallest-unit",
			Judge:      judgeSingleProcessGIL,
		},
		Claim{
			ID:         "003-processes-sleep",
			Seed:       Seed003,
			Quote:      "two processes are created to print numbers and letters concurrently. Each process runs independently with its own memory space, ensuring true parallel execution.",
			Theirs:     "its two tasks print and sleep 1 s at each step",
			Notebook:   "03-gil",
			Experiment: "the tutorial's print-and-sleep tasks on two CPython threads, and the CPU they used, from claim 003-simultaneously",
			Uses:       "003-simultaneously",
			Judge:      judgeProcessesSleep,
		},
	)
}

// judgeSingleProcessGIL reads the figures of 004-smallest-unit:
// "cpython.threads.with_thread" (OS threads in a python3 process running
// one threading.Thread) and "go.threads" (OS threads in a running Go
// program). Threads live inside their process whatever the interpreter:
// a program without any GIL also runs its threads in one process, so the
// GIL is not why only one process appears.
func judgeSingleProcessGIL(f Figures) Verdict {
	if !f.Has("go.threads") {
		return unmeasured("the threads of a running Go program")
	}
	goText := fmt.Sprintf("%s OS threads in 1 process, no GIL", sig(f["go.threads"]))
	if !f.Has("cpython.threads.with_thread") {
		return Verdict{CPython: "not measured (no python3)", Go: goText,
			Text: "CPython not measured (no python3); the Go column still shows threads running inside one process without any GIL."}
	}
	v := Verdict{CPython: fmt.Sprintf("%s OS threads in 1 process", sig(f["cpython.threads.with_thread"])), Go: goText}
	if f["go.threads"] > 1 {
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Tutorial 001 says only one Python process runs its threads because of the GIL; here a python3 ran %s OS threads in its one process, "+
			"and a Go program, which has no GIL, ran %s OS threads in its one process too. Threads always live inside their process: "+
			"the GIL only decides how many of them run Python bytecode at once.", sig(f["cpython.threads.with_thread"]), sig(f["go.threads"]))
		return v
	}
	v.Outcome = Agrees
	v.Text = "Here the Go program showed a single OS thread, so this run cannot tell threads-in-one-process apart from the GIL: the tutorial's reading stands unrefuted."
	return v
}

// judgeProcessesSleep reads the figures of 003-simultaneously:
// "cpython.waits.seq.s" and "cpython.waits.threads.s" (the tutorial's two
// print-and-sleep tasks one after another and on two threads) and
// "cpython.waits.cpu_s" (the CPU time they used). Tasks that sleep need no
// parallel execution: if two threads already overlap them, processes add
// nothing but their cost.
func judgeProcessesSleep(f Figures) Verdict {
	if !f.Has("cpython.waits.seq.s", "cpython.waits.threads.s", "cpython.waits.cpu_s") {
		return unmeasured("the tutorial's print-and-sleep tasks on CPython threads")
	}
	wx := f["cpython.waits.seq.s"] / f["cpython.waits.threads.s"]
	busy := f["cpython.waits.cpu_s"] / f["cpython.waits.seq.s"]
	v := Verdict{CPython: fmt.Sprintf("two threads %s as fast as one after another, CPU busy %s of the time", times(wx), pct(busy))}
	if wx >= gain {
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Tutorial 003 runs its print-and-sleep tasks on two processes for \"true parallel execution\"; here the same tasks on two threads, under the GIL, "+
			"were already %s as fast as one after another while the CPU was busy %s of the time: they wait, so concurrency is enough, and processes add only their start cost.",
			times(wx), pct(busy))
		return v
	}
	v.Outcome = Agrees
	v.Text = fmt.Sprintf("Here two threads ran the tutorial's tasks only %s as fast as one after another: they did not overlap, so separate processes could help.", times(wx))
	return v
}
