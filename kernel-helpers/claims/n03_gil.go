package claims

import "fmt"

// The claims notebook 03-gil measures. Figure names (all optional; a judge
// returns Unmeasured when one it needs is missing):
//
//   - "cores": GOMAXPROCS of the run; "tasks": CPU-bound tasks per run;
//     "task.ms": one task's time on one core.
//   - CPU cell: "cpython.seq.s", "cpython.threads.s", "cpython.processes.s"
//     (median seconds for the batch in python3), "cpython.ns_per_step" (one
//     step of the counting loop); "go.seq.s", "go.gil.s" (emulated GIL),
//     "go.goroutines.s", "go.ns_per_step"; a free-threaded build's
//     "cpython.ft.seq.s" and "cpython.ft.threads.s".
//   - Sweep cell: "cpython.sweep.lo.interval_ms", "cpython.sweep.lo.extra_ms",
//     "cpython.sweep.hi.interval_ms", "cpython.sweep.hi.extra_ms": the
//     shortest and longest switch interval and the sleeper's median wait
//     beyond its sleep there; "go.gil.sweep.hi.extra_ms" for the emulated GIL.
//   - What-runs cell: "cpython.hash.seq.s", "cpython.hash.threads.s" (sha256
//     of large buffers), "cpython.count.seq.s", "cpython.count.threads.s",
//     "cpython.waits.seq.s", "cpython.waits.threads.s" (tutorial 003's
//     print_numbers and print_letters), "cpython.waits.cpu_s"; "go.hash.seq.s",
//     "go.hash.goroutines.s".
//   - I/O cell: "sleepers", "sleep.ms", "interval.ms", "cpython.io.seq.s",
//     "cpython.io.threads.s" (sleeps one after another, then one thread
//     each), "cpython.wake0.ms" and "cpython.wake1.ms" (a sleep's time until
//     the thread runs again beside 0 and 1 CPU-bound threads);
//     "go.gil.io.threads.s", "go.gil.wake1.ms", "go.wake1.ms".
//   - Versions cell: "cpython.minor" (python3's 3.x), "cpython.ft" (1 when a
//     free-threaded build was found), "cpython.ft.speedup" (its threads over
//     its sequential run), "cpython.interp_pool" (1 when python3 has
//     InterpreterPoolExecutor), "cpython.interp_pool.speedup",
//     "cpython.processes.speedup".
func init() {
	register(
		Claim{
			ID: "000-no-cpu-gain", Seed: Seed000, Notebook: "03-gil",
			Quote:      "it does not provide any perfomance benefits for CPU heavy tasks",
			Theirs:     "the same task on 1 thread 4.856 s, on 2 threads 4.703 s (_num = 10,000,000)",
			Experiment: "the same counting tasks one after another, then one thread each, in python3; in Go under the emulated GIL and on goroutines",
			Judge:      judgeNoCPUGain,
		},
		Claim{
			ID: "000-ops-or-time", Seed: Seed000, Notebook: "03-gil",
			Quote:      "The GIL is basically passed between the threads after a certain number of operations or after a set time (whichever comes first).",
			Experiment: "a thread's 1 ms sleep beside a CPU-bound thread, at several sys.setswitchinterval values: a count of operations would hand over within microseconds",
			Judge:      judgeOpsOrTime,
		},
		Claim{
			ID: "000-own-gil", Seed: Seed000, Notebook: "03-gil",
			Quote:      "each process has its own GIL and are run separately",
			Theirs:     "1 process 4.85 s, 2 processes 2.90 s, 4 processes 1.69 s (cores not given)",
			Experiment: "the counting tasks one after another, then one multiprocessing.Process each, in python3",
			Judge:      judgeOwnGIL,
		},
		Claim{
			ID: "001-one-thread", Seed: Seed001, Notebook: "03-gil",
			Quote:      "ensures that there is no more than one thread in a state of execution … unable to do two things simultaneously",
			Experiment: "python3 threads hashing large buffers with hashlib.sha256 (which releases the GIL) and counting in Python, each against one after another",
			Judge:      judgeOneThread,
		},
		Claim{
			ID: "001-io-release", Seed: Seed001, Notebook: "03-gil",
			Quote:      "the GIL would release the lock, and allow the other threads to run. When the first thread's I/O returned the lock would then be reacquired.",
			Experiment: "python3 threads that sleep, against the same sleeps one after another; a 1 ms sleep's time until its thread runs again, alone and beside a CPU-bound thread",
			Judge:      judgeIORelease,
		},
		Claim{
			ID: "003-same-or-worse", Seed: Seed003, Notebook: "03-gil",
			Quote:      "the total execution time for the threads will be roughly the same or slightly worse than running the task twice sequentially",
			Experiment: "two counting tasks one after another, then on two threads, in python3",
			Judge:      judgeSameOrWorse,
		},
		Claim{
			ID: "003-simultaneously", Seed: Seed003, Notebook: "03-gil",
			Quote:      "Both threads share the same memory space and run simultaneously.",
			Experiment: "the tutorial's print_numbers and print_letters (sleeps shortened) one after another, then on two threads, in python3, beside CPU-bound threads",
			Judge:      judgeSimultaneously,
		},
		Claim{
			ID: "003-redesign", Facts: true, Seed: Seed003, Notebook: "03-gil",
			Quote:      "Removing the GIL would require a significant redesign of Python's memory management and garbage collection systems.",
			Experiment: "look for a free-threaded build (python3.13t and later) and run threads on it",
			Judge:      judgeRedesign,
		},
		Claim{
			ID: "004-a-must", Seed: Seed004, Notebook: "03-gil",
			Quote:      "A must with CPython for CPU-bound processing",
			Experiment: "processes against one after another in python3; the other ways, if this Python has them: a free-threaded build, InterpreterPoolExecutor (3.14)",
			Judge:      judgeAMust,
		},
		Claim{
			ID: "004-slow", Seed: Seed004, Notebook: "03-gil",
			Quote:      "Python is slow … comparing to other programming languages",
			Experiment: "the same counting loop (while i < n: i += 1) in python3 and in Go: nanoseconds per step",
			Judge:      judgeSlow,
		},
	)
}

// gain is the speedup from which running at once counts as a gain: a
// quarter faster, beyond what a busy machine makes of two runs of the same
// thing (gilcompare.Gain, the same threshold).
const gain = 1.25

func judgeNoCPUGain(f Figures) Verdict {
	if !f.Has("cores", "go.seq.s", "go.gil.s", "go.goroutines.s") {
		return unmeasured("the counting tasks in Go")
	}
	gilX, gorX := f["go.seq.s"]/f["go.gil.s"], f["go.seq.s"]/f["go.goroutines.s"]
	goText := fmt.Sprintf("emulated GIL %s, goroutines %s", times(gilX), times(gorX))
	if !f.Has("cpython.seq.s", "cpython.threads.s") {
		return Verdict{CPython: "not measured (no python3)", Go: goText,
			Text: "CPython not measured (no python3): tutorial 000's claim is about CPython threads; in Go, the emulated GIL gave " + times(gilX) + "."}
	}
	x := f["cpython.seq.s"] / f["cpython.threads.s"]
	v := Verdict{CPython: fmt.Sprintf("threads %s (%.3g s vs %.3g s)", times(x), f["cpython.threads.s"], f["cpython.seq.s"]), Go: goText}
	if x < gain {
		v.Outcome = Agrees
		v.Text = fmt.Sprintf("Tutorial 000 measured 4.856 s on one thread and 4.703 s on two; here, on %s, CPython's threads ran %s as fast as one after another: no gain.", cores(f["cores"]), times(x))
	} else {
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Tutorial 000 saw no benefit from threads; here, on %s, CPython's threads ran %s as fast as one after another: a gain, so this Python ran them in parallel.", cores(f["cores"]), times(x))
	}
	if f.Has("cpython.ft.seq.s", "cpython.ft.threads.s") {
		ft := f["cpython.ft.seq.s"] / f["cpython.ft.threads.s"]
		v.CPython += ", free-threaded " + times(ft)
		if v.Outcome == Agrees && ft >= gain {
			v.Outcome, v.Condition = DependsOn, "a build with a GIL"
			v.Text += fmt.Sprintf(" The free-threaded build's threads gained %s: the claim holds for CPython with a GIL only.", times(ft))
		}
	}
	return v
}

func judgeOpsOrTime(f Figures) Verdict {
	names := []string{"cpython.sweep.lo.interval_ms", "cpython.sweep.lo.extra_ms", "cpython.sweep.hi.interval_ms", "cpython.sweep.hi.extra_ms"}
	goText := ""
	if f.Has("go.gil.sweep.hi.extra_ms") {
		goText = "emulated GIL: " + ms(f["go.gil.sweep.hi.extra_ms"]) + " extra at the longest interval"
	}
	if !f.Has(names...) {
		if goText != "" {
			return Verdict{CPython: "not measured (no python3)", Go: goText,
				Text: "CPython not measured (no python3): tutorial 000's claim is about CPython's handover; the emulated GIL hands over by time by construction."}
		}
		return unmeasured("the switch-interval sweep")
	}
	lo, loX := f["cpython.sweep.lo.interval_ms"], f["cpython.sweep.lo.extra_ms"]
	hi, hiX := f["cpython.sweep.hi.interval_ms"], f["cpython.sweep.hi.extra_ms"]
	v := Verdict{CPython: fmt.Sprintf("%s extra at %s, %s extra at %s", ms(loX), ms(lo), ms(hiX), ms(hi)), Go: goText}
	// Were the handover capped by a count of operations (100 bytecodes
	// before 3.2), the wait would stay far below a long interval.
	switch {
	case hi <= lo:
		return unmeasured("a sweep over two different intervals")
	case hiX >= hi/2 && hiX-loX >= (hi-lo)/2:
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Tutorial 000 describes the handover before Python 3.2 (a count of operations, sys.setcheckinterval, removed in 3.9); "+
			"here the wait beyond the sleep grew with the switch interval, %s at %s to %s at %s: only time decides, no count cut it short.", ms(loX), ms(lo), ms(hiX), ms(hi))
	case hiX < hi/4:
		v.Outcome = Agrees
		v.Text = fmt.Sprintf("Here the wait beyond the sleep stayed at %s with a %s interval: something other than the time handed the GIL over, as tutorial 000's count of operations would.", ms(hiX), ms(hi))
	default:
		v.Outcome, v.Condition = DependsOn, "a quiet machine"
		v.Text = fmt.Sprintf("Here the wait beyond the sleep was %s at %s and %s at %s: it neither followed the interval nor stayed short; rerun the sweep.", ms(loX), ms(lo), ms(hiX), ms(hi))
	}
	return v
}

func judgeOwnGIL(f Figures) Verdict {
	if !f.Has("cores", "tasks") {
		return unmeasured("the core count")
	}
	if !f.Has("cpython.seq.s", "cpython.processes.s") {
		return Verdict{CPython: "not measured (no python3)", Go: "",
			Text: "CPython not measured (no python3): tutorial 000's claim is about CPython processes."}
	}
	n, x := min(f["cores"], f["tasks"]), f["cpython.seq.s"]/f["cpython.processes.s"]
	v := Verdict{CPython: fmt.Sprintf("%g processes %s", f["tasks"], times(x))}
	switch {
	case n < 2:
		v.Outcome, v.Condition = DependsOn, "the number of cores"
		v.Text = fmt.Sprintf("Tutorial 000 saw 2 processes take 2.90 s against 4.85 s for one; here, on %s, there was nothing to run them on at once: %s.", cores(f["cores"]), times(x))
	case x >= gain:
		v.Outcome = Agrees
		v.Text = fmt.Sprintf("Tutorial 000 saw 2 processes take 2.90 s against 4.85 s for one (1.67×); here %g processes on %s ran %s as fast as one after another: each has its own interpreter and GIL.", f["tasks"], cores(f["cores"]), times(x))
	default:
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Tutorial 000 saw 2 processes take 2.90 s against 4.85 s for one (1.67×); here %g processes on %s ran only %s as fast%s: they did not run at once.", f["tasks"], cores(f["cores"]), times(x), taskNote(f))
	}
	return v
}

func judgeOneThread(f Figures) Verdict {
	if !f.Has("cores") {
		return unmeasured("the core count")
	}
	goText := ""
	if f.Has("go.hash.seq.s", "go.hash.goroutines.s") {
		goText = "sha256 on goroutines " + times(f["go.hash.seq.s"]/f["go.hash.goroutines.s"])
	}
	if !f.Has("cpython.hash.seq.s", "cpython.hash.threads.s", "cpython.count.seq.s", "cpython.count.threads.s") {
		if goText != "" {
			return Verdict{CPython: "not measured (no python3)", Go: goText, Text: "CPython not measured (no python3): tutorial 001's claim is about CPython threads."}
		}
		return unmeasured("threads hashing and counting")
	}
	hx := f["cpython.hash.seq.s"] / f["cpython.hash.threads.s"]
	cx := f["cpython.count.seq.s"] / f["cpython.count.threads.s"]
	v := Verdict{CPython: fmt.Sprintf("threads: sha256 %s, counting %s", times(hx), times(cx)), Go: goText}
	switch {
	case f["cores"] < 2:
		v.Outcome, v.Condition = DependsOn, "the number of cores"
		v.Text = fmt.Sprintf("On %s no two threads can execute at once, GIL or not: sha256 threads %s, counting threads %s.", cores(f["cores"]), times(hx), times(cx))
	case hx >= gain && cx < gain:
		v.Outcome, v.Condition = DependsOn, "what the thread runs"
		v.Text = fmt.Sprintf("Tutorial 001 says one thread at a time; here, on %s, threads hashing large buffers with hashlib ran %s as fast as one after another "+
			"(hashlib releases the GIL), while threads counting in Python ran %s: only Python bytecode is limited to one thread at a time.", cores(f["cores"]), times(hx), times(cx))
	case cx >= gain:
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Here, on %s, threads counting in Python ran %s as fast as one after another (hashing threads %s): two threads executed Python at once.", cores(f["cores"]), times(cx), times(hx))
	default:
		v.Outcome = Agrees
		v.Text = fmt.Sprintf("Here, on %s, neither hashing threads (%s) nor counting threads (%s) gained: one thread at a time, as tutorial 001 says.", cores(f["cores"]), times(hx), times(cx))
	}
	return v
}

func judgeIORelease(f Figures) Verdict {
	if !f.Has("sleepers", "sleep.ms", "interval.ms") {
		return unmeasured("the sleeps")
	}
	goText := ""
	if f.Has("go.gil.wake1.ms") {
		goText = "emulated GIL: 1 ms sleep beside a hog " + ms(f["go.gil.wake1.ms"])
	}
	if !f.Has("cpython.io.seq.s", "cpython.io.threads.s", "cpython.wake0.ms", "cpython.wake1.ms") {
		if goText != "" {
			return Verdict{CPython: "not measured (no python3)", Go: goText, Text: "CPython not measured (no python3): tutorial 001's claim is about CPython threads."}
		}
		return unmeasured("the sleeps in python3")
	}
	n, overlap := f["sleepers"], f["cpython.io.seq.s"]/f["cpython.io.threads.s"]
	w0, w1, iv := f["cpython.wake0.ms"], f["cpython.wake1.ms"], f["interval.ms"]
	v := Verdict{CPython: fmt.Sprintf("%g sleeps overlapped %s; %s sleep: %s alone, %s beside a hog", n, times(overlap), ms(f["sleep.ms"]), ms(w0), ms(w1)), Go: goText}
	switch {
	case n < 2:
		return unmeasured("two sleepers or more")
	case overlap < min(2, 0.75*n):
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Here %g sleeping threads ran only %s faster than the same sleeps one after another: they did not wait at the same time.", n, times(overlap))
	case w1-w0 >= iv/2:
		v.Outcome, v.Condition = DependsOn, "what the other threads run"
		v.Text = fmt.Sprintf("Here %g sleeping threads took 1/%s of the time of one after another: the GIL was released. "+
			"But the reacquiring is not free: beside a CPU-bound thread a %s sleep took %s against %s alone, about one switch interval (%s) more.",
			n, sig(overlap), ms(f["sleep.ms"]), ms(w1), ms(w0), ms(iv))
	default:
		v.Outcome = Agrees
		v.Text = fmt.Sprintf("Here %g sleeping threads took 1/%s of the time of one after another, and beside a CPU-bound thread a %s sleep took %s against %s alone.",
			n, sig(overlap), ms(f["sleep.ms"]), ms(w1), ms(w0))
	}
	return v
}

func judgeSameOrWorse(f Figures) Verdict {
	if !f.Has("cores") {
		return unmeasured("the core count")
	}
	if !f.Has("cpython.seq.s", "cpython.threads.s") {
		return Verdict{CPython: "not measured (no python3)", Text: "CPython not measured (no python3): tutorial 003's claim is about CPython threads."}
	}
	r := f["cpython.threads.s"] / f["cpython.seq.s"] // > 1: threads slower
	v := Verdict{CPython: fmt.Sprintf("threads took %s the sequential time", times(r))}
	switch {
	case r <= 1/gain:
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Here, on %s, two threads took %s the time of the two tasks one after another: faster, not the same.", cores(f["cores"]), times(r))
	case r <= gain:
		v.Outcome = Agrees
		v.Text = fmt.Sprintf("Here, on %s, two threads took %s the time of the two tasks one after another.", cores(f["cores"]), times(r))
	default:
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Here, on %s, two threads took %s the time of the two tasks one after another: more than a quarter longer, not slightly worse.", cores(f["cores"]), times(r))
	}
	return v
}

func judgeSimultaneously(f Figures) Verdict {
	if !f.Has("cores") {
		return unmeasured("the core count")
	}
	if !f.Has("cpython.waits.seq.s", "cpython.waits.threads.s", "cpython.waits.cpu_s", "cpython.count.seq.s", "cpython.count.threads.s") {
		return Verdict{CPython: "not measured (no python3)", Text: "CPython not measured (no python3): tutorial 003's example is CPython threads."}
	}
	wx := f["cpython.waits.seq.s"] / f["cpython.waits.threads.s"]
	cx := f["cpython.count.seq.s"] / f["cpython.count.threads.s"]
	v := Verdict{CPython: fmt.Sprintf("print-and-sleep threads %s, counting threads %s", times(wx), times(cx))}
	switch {
	case wx < gain:
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Here the tutorial's two print-and-sleep threads ran only %s as fast as one after another: they did not overlap.", times(wx))
	case cx >= gain:
		v.Outcome = Agrees
		v.Text = fmt.Sprintf("Here the print-and-sleep threads overlapped (%s) and even counting threads ran at once (%s).", times(wx), times(cx))
	default:
		v.Outcome, v.Condition = DependsOn, "the threads waiting, not computing"
		v.Text = fmt.Sprintf("Here the tutorial's two threads finished %s as fast as one after another, but they used %.3g s of CPU in all: they overlapped because they sleep "+
			"(concurrency), while two counting threads gained %s (no parallelism).", times(wx), f["cpython.waits.cpu_s"], times(cx))
	}
	return v
}

func judgeRedesign(f Figures) Verdict {
	if !f.Has("cpython.minor", "cpython.ft") {
		if f.Has("cores") {
			return Verdict{CPython: "not measured (no python3)", Text: "CPython not measured (no python3): no Python version to judge tutorial 003's claim by."}
		}
		return unmeasured("which Pythons this machine has")
	}
	v := Verdict{CPython: fmt.Sprintf("python3 is 3.%g; free-threaded build: %s", f["cpython.minor"], yesNone(f["cpython.ft"] == 1))}
	switch {
	case f["cpython.ft"] == 1 && f.Has("cpython.ft.speedup") && f["cpython.ft.speedup"] >= gain:
		v.Outcome = Disagrees
		v.CPython += ", its threads " + times(f["cpython.ft.speedup"])
		v.Text = fmt.Sprintf("The redesign tutorial 003 calls for has shipped (PEP 703, free-threaded builds from 3.13): here a free-threaded build ran counting threads %s as fast as one after another.", times(f["cpython.ft.speedup"]))
	case f["cpython.ft"] == 1:
		v.Outcome = Agrees
		v.Text = "A free-threaded build is here, but its threads gained nothing on this machine: removing the GIL alone did not pay off here."
	default:
		v.Outcome, v.Condition = DependsOn, "the Python version"
		v.Text = fmt.Sprintf("That redesign is PEP 703 (biased reference counting, a thread-safe allocator): an optional free-threaded build since Python 3.13 (python3.13t), supported from 3.14. "+
			"This machine has python3 3.%g and no free-threaded build, so here the GIL stays.", f["cpython.minor"])
	}
	return v
}

func judgeAMust(f Figures) Verdict {
	if !f.Has("cores") {
		return unmeasured("the core count")
	}
	if !f.Has("cpython.minor", "cpython.processes.speedup") {
		return Verdict{CPython: "not measured (no python3)", Text: "CPython not measured (no python3): tutorial 004's claim is about CPython."}
	}
	px := f["cpython.processes.speedup"]
	v := Verdict{CPython: fmt.Sprintf("3.%g: processes %s", f["cpython.minor"], times(px))}
	var other []string
	if f.Has("cpython.ft.speedup") && f["cpython.ft"] == 1 {
		v.CPython += ", free-threaded threads " + times(f["cpython.ft.speedup"])
		if f["cpython.ft.speedup"] >= gain {
			other = append(other, "free-threaded threads "+times(f["cpython.ft.speedup"]))
		}
	}
	if f.Has("cpython.interp_pool.speedup") && f["cpython.interp_pool"] == 1 {
		v.CPython += ", InterpreterPoolExecutor " + times(f["cpython.interp_pool.speedup"])
		if f["cpython.interp_pool.speedup"] >= gain {
			other = append(other, "InterpreterPoolExecutor "+times(f["cpython.interp_pool.speedup"]))
		}
	}
	switch {
	case len(other) > 0:
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Here processes gave %s, and so did another way: %s. Multiprocessing is one way among several.", times(px), other[0])
	case px < gain || f["cores"] < 2:
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Here, on %s, processes gave only %s over one after another%s: they cannot be a must where they gain nothing.", cores(f["cores"]), times(px), taskNote(f))
	default:
		v.Outcome, v.Condition = DependsOn, "the Python version"
		v.Text = fmt.Sprintf("Here, with python3 3.%g, processes gave %s and were the only way to run Python code on %s. "+
			"Since 3.12 each subinterpreter may have its own GIL (PEP 684); 3.13 adds the free-threaded build (PEP 703) and 3.14 InterpreterPoolExecutor (PEP 734). "+
			"C code that releases the GIL (hashlib, NumPy) runs in parallel on threads in any version.", f["cpython.minor"], times(px), cores(f["cores"]))
	}
	return v
}

func judgeSlow(f Figures) Verdict {
	if !f.Has("go.ns_per_step") {
		return unmeasured("the counting loop in Go")
	}
	goText := sig(f["go.ns_per_step"]) + " ns per step"
	if !f.Has("cpython.ns_per_step") {
		return Verdict{CPython: "not measured (no python3)", Go: goText, Text: "CPython not measured (no python3): there is nothing to compare Go's loop with."}
	}
	r := f["cpython.ns_per_step"] / f["go.ns_per_step"]
	v := Verdict{CPython: sig(f["cpython.ns_per_step"]) + " ns per step", Go: goText}
	if r >= 3 {
		v.Outcome = Agrees
		v.Text = fmt.Sprintf("Here one step of the same counting loop took %s ns in CPython and %s ns in Go: CPython was %s slower on this loop.", sig(f["cpython.ns_per_step"]), sig(f["go.ns_per_step"]), times(r))
	} else {
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Here one step of the same counting loop took %s ns in CPython and %s ns in Go: only %s apart.", sig(f["cpython.ns_per_step"]), sig(f["go.ns_per_step"]), times(r))
	}
	return v
}

// taskNote names the task size ("task.ms") when it is under 20 ms: then
// starting a process (milliseconds with fork) is a large part of a task.
func taskNote(f Figures) string {
	if !f.Has("task.ms") || f["task.ms"] >= 20 {
		return ""
	}
	return " with tasks of only " + ms(f["task.ms"]) + " each, of the order of a process's start"
}

func yesNone(b bool) string {
	if b {
		return "yes"
	}
	return "none"
}
