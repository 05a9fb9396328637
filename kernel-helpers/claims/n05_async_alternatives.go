package claims

import (
	"fmt"
	"strings"
)

// The claims notebook 05-async-alternatives measures.
func init() {
	const nb = "05-async-alternatives"
	register(
		Claim{
			ID: "002-threads-responsive-ui", Seed: Seed002, Notebook: nb,
			Quote:      "The multithreading library is lightweight, shares memory, responsible for responsive UI",
			Experiment: "a heartbeat every few ms beside a CPU hog: CPython threads and asyncio tasks; Go goroutines and an asyncio-like event loop",
			Judge:      judgeResponsiveUI,
		},
		Claim{
			ID: "003-asyncio-one-thread", Facts: true, Seed: Seed003, Notebook: nb,
			Quote:      "Doesn't require multiple threads or processes, avoiding the overhead associated with them.",
			Experiment: "n asyncio tasks, then n threads, all waiting on one event, counting the process's OS threads; the same with goroutines and OS-thread-locked goroutines",
			Judge:      judgeAsyncioOneThread,
		},
		Claim{
			ID: "003-asyncio-efficient", Seed: Seed003, Notebook: nb,
			Quote:      "Can be more efficient in terms of memory and CPU usage.",
			Experiment: "private memory (USS) and CPU time per waiting asyncio task against per waiting thread in CPython; memory and start+wake time per goroutine against per OS thread in Go",
			Judge:      judgeEfficient,
		},
		Claim{
			ID: "003-asyncio-gather", Facts: true, Seed: Seed003, Notebook: nb,
			Quote:      "The asyncio.gather function runs multiple coroutines concurrently",
			Experiment: "n tasks of one latency, one failing early: how many others completed after the failure under asyncio.gather, asyncio.TaskGroup (3.11+) and Go's errgroup-based TaskGroup",
			Judge:      judgeGather,
		},
		Claim{
			ID: "003-io-fetch-concurrent", Seed: Seed003, Notebook: nb,
			Quote:      "the total time taken to fetch data from all URLs is significantly reduced compared to making the requests sequentially.",
			Experiment: "the same pages from a local server that holds each one latency: one after the other, a thread each and asyncio in CPython; one after the other and a goroutine each in Go",
			Judge:      judgeFetch,
		},
		Claim{
			ID: "003-threadpool-gil", Seed: Seed003, Notebook: nb,
			Quote:      "Still subject to GIL for threads",
			Experiment: "one CPU-bound counting task per core: one after the other, on a ThreadPoolExecutor and a ProcessPoolExecutor (and an InterpreterPoolExecutor on 3.14+); Go's goroutine and process pools",
			Judge:      judgeThreadPoolGIL,
		},
		Claim{
			ID: "003-processpool-overhead", Seed: Seed003, Notebook: nb,
			Quote:      "the higher overhead for processes",
			Experiment: "cost per no-op task through a started ThreadPoolExecutor and ProcessPoolExecutor; the same through Go's goroutine and process pools",
			Judge:      judgeProcessOverhead,
		},
		Claim{
			ID: "003-toplevel-process-pool", Facts: true, Seed: Seed003, Notebook: nb,
			Quote:      `print("All tasks completed with ProcessPoolExecutor")`,
			Theirs:     "the example runs its ProcessPoolExecutor at module level, without if __name__ == \"__main__\"",
			Experiment: "tutorial 003's executor example, sleeps shortened, run as a script under every start method this Python has, with a timeout",
			Judge:      judgeTopLevel,
		},
	)
}

// judgeResponsiveUI reads "cpython.threads.worst_ms" and
// "cpython.asyncio.worst_ms" (the latest a heartbeat tick ran beside a CPU
// hog), "cpython.hog_ms" (how long the hog computed), optionally
// "hog_target_ms" (how long it was set to compute: a hog 1.5× off it is not
// judged), and the Go figures
// "go.goroutines.worst_ms", "go.loop.worst_ms" and "go.hog_ms". A thread
// keeps a UI responsive when its worst tick is late by far less than the
// hog: under a quarter of it.
func judgeResponsiveUI(f Figures) Verdict {
	if !f.Has("go.goroutines.worst_ms", "go.loop.worst_ms", "go.hog_ms") {
		return unmeasured("the heartbeat beside a hog in Go")
	}
	goText := fmt.Sprintf("hog %s: goroutines worst tick %s late, event loop %s", ms(f["go.hog_ms"]), ms(f["go.goroutines.worst_ms"]), ms(f["go.loop.worst_ms"]))
	if !f.Has("cpython.threads.worst_ms", "cpython.asyncio.worst_ms", "cpython.hog_ms") {
		return noPythonGo(goText, "in Go, goroutines kept the heartbeat going beside the hog")
	}
	hog, th, as := f["cpython.hog_ms"], f["cpython.threads.worst_ms"], f["cpython.asyncio.worst_ms"]
	v := Verdict{CPython: fmt.Sprintf("hog %s: threads worst tick %s late, asyncio %s", ms(hog), ms(th), ms(as)), Go: goText}
	if want := f["hog_target_ms"]; f.Has("hog_target_ms") && (hog > 1.5*want || hog < want/1.5) {
		// The hog computes for a fixed time: far longer means the whole
		// process was off the CPU, and so was every heartbeat.
		v.Text = fmt.Sprintf("Not judged in this run: CPython's hog, set to compute %s, took %s, so another program held the CPU; rerun the cell.", ms(want), ms(hog))
		return v
	}
	if th < hog/4 {
		v.Outcome = Agrees
		v.Text = fmt.Sprintf("Tutorial 002 says threads keep a UI responsive; here a CPython heartbeat thread beside a %s CPU hog ran at worst %s late "+
			"(the GIL changes hands every switch interval), while an asyncio heartbeat waited %s, the whole hog.", ms(hog), ms(th), ms(as))
	} else {
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Tutorial 002 says threads keep a UI responsive; here a CPython heartbeat thread beside a %s CPU hog ran %s late at worst, "+
			"more than a quarter of the hog: the heartbeat thread did not get the GIL, or the CPU, in time.", ms(hog), ms(th))
	}
	return v
}

// judgeAsyncioOneThread reads "n" (waiters), "cpython.asyncio.threads" and
// "cpython.threads.threads" (the process's OS threads while n asyncio tasks,
// then n threads, waited), "go.goroutines.threads" and "go.threads.threads"
// (OS threads added while n goroutines, then n thread-locked goroutines,
// waited). asyncio agrees when its n tasks ran on at most 2 OS threads.
func judgeAsyncioOneThread(f Figures) Verdict {
	if !f.Has("n", "go.goroutines.threads", "go.threads.threads") {
		return unmeasured("the waiters on goroutines and OS threads in Go")
	}
	n := f["n"]
	goText := fmt.Sprintf("%s waiters: goroutines +%s OS threads, locked threads +%s", sig(n), sig(f["go.goroutines.threads"]), sig(f["go.threads.threads"]))
	if !f.Has("cpython.asyncio.threads", "cpython.threads.threads") {
		return noPythonGo(goText, "in Go, waiting goroutines took no OS thread each")
	}
	as, th := f["cpython.asyncio.threads"], f["cpython.threads.threads"]
	v := Verdict{CPython: fmt.Sprintf("%s waiters: asyncio %s OS thread(s), threads %s", sig(n), sig(as), sig(th)), Go: goText}
	if as <= 2 && th >= n {
		v.Outcome = Agrees
		v.Text = fmt.Sprintf("Tutorial 003 says asyncio needs no extra threads; here %s waiting asyncio tasks ran on %s OS thread(s), "+
			"while %s waiting threads made the process %s threads.", sig(n), sig(as), sig(n), sig(th))
	} else {
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Tutorial 003 says asyncio needs no extra threads; here %s waiting asyncio tasks ran on %s OS threads "+
			"(threads: %s).", sig(n), sig(as), sig(th))
	}
	return v
}

// judgeEfficient reads "cpython.asyncio.kib" and "cpython.threads.kib"
// (private memory per waiter), "cpython.asyncio.cpu_us" and
// "cpython.threads.cpu_us" (CPU time per waiter to start, wait and finish),
// and the Go figures "go.goroutines.kib", "go.threads.kib", "go.goroutines.us"
// and "go.threads.us" (start+wake time per waiter). A side is "more
// efficient" when it costs at most half as much.
func judgeEfficient(f Figures) Verdict {
	if !f.Has("go.goroutines.kib", "go.threads.kib", "go.goroutines.us", "go.threads.us") {
		return unmeasured("memory and time per waiter in Go")
	}
	goText := fmt.Sprintf("goroutine %s KiB, %s µs; OS thread %s KiB, %s µs", sig(f["go.goroutines.kib"]), sig(f["go.goroutines.us"]),
		sig(f["go.threads.kib"]), sig(f["go.threads.us"]))
	if !f.Has("cpython.asyncio.kib", "cpython.threads.kib", "cpython.asyncio.cpu_us", "cpython.threads.cpu_us") {
		return noPythonGo(goText, "in Go, a waiting goroutine cost less than a waiting OS thread")
	}
	ak, tk, ac, tc := f["cpython.asyncio.kib"], f["cpython.threads.kib"], f["cpython.asyncio.cpu_us"], f["cpython.threads.cpu_us"]
	v := Verdict{CPython: fmt.Sprintf("task %s KiB, %s µs CPU; thread %s KiB, %s µs CPU", sig(ak), sig(ac), sig(tk), sig(tc)), Go: goText}
	mem, cpu := 2*ak <= tk, 2*ac <= tc
	figs := fmt.Sprintf("a waiting asyncio task took %s KiB of private memory and %s µs of CPU, a waiting thread %s KiB and %s µs", sig(ak), sig(ac), sig(tk), sig(tc))
	switch {
	case mem && cpu:
		v.Outcome = Agrees
		v.Text = "Tutorial 003 says asyncio can use less memory and CPU than threads; here " + figs + "."
	case mem || cpu:
		v.Outcome = DependsOn
		v.Condition = "the resource"
		v.Text = "Tutorial 003 says asyncio can use less memory and CPU than threads; here " + figs + ": less of one, not of both."
	default:
		v.Outcome = Disagrees
		v.Text = "Tutorial 003 says asyncio can use less memory and CPU than threads; here " + figs + ": not half of either."
	}
	return v
}

// judgeGather reads "n" (tasks, one of which fails), and for asyncio.gather
// "cpython.gather.completed" (others that completed after the failure) and
// "cpython.gather.cancelled"; for asyncio.TaskGroup, on 3.11+,
// "cpython.taskgroup.completed" and "cpython.taskgroup.cancelled"; for Go's
// TaskGroup (errgroup.WithContext) "go.taskgroup.answered" (pages the server
// answered in the failing run). gather runs the coroutines concurrently and
// leaves them running when one fails: every other one completes.
func judgeGather(f Figures) Verdict {
	if !f.Has("n", "go.taskgroup.answered") {
		return unmeasured("the failing batch on Go's TaskGroup")
	}
	others := f["n"] - 1
	goText := fmt.Sprintf("TaskGroup (errgroup): %s of %s others answered after the failure", sig(f["go.taskgroup.answered"]), sig(others))
	if !f.Has("cpython.gather.completed", "cpython.gather.cancelled") {
		return noPythonGo(goText, "in Go, the errgroup-based TaskGroup cancelled the others")
	}
	gc := f["cpython.gather.completed"]
	cp := fmt.Sprintf("gather: %s of %s others completed after the failure", sig(gc), sig(others))
	tg := "asyncio.TaskGroup needs Python 3.11"
	if f.Has("cpython.taskgroup.completed", "cpython.taskgroup.cancelled") {
		cp += fmt.Sprintf("; TaskGroup: %s completed, %s cancelled", sig(f["cpython.taskgroup.completed"]), sig(f["cpython.taskgroup.cancelled"]))
		tg = fmt.Sprintf("asyncio.TaskGroup cancelled %s of them and %s completed", sig(f["cpython.taskgroup.cancelled"]), sig(f["cpython.taskgroup.completed"]))
	}
	v := Verdict{CPython: cp, Go: goText}
	if gc == others && f["cpython.gather.cancelled"] == 0 {
		v.Outcome = Agrees
		v.Text = fmt.Sprintf("Tutorial 003 says gather runs the coroutines concurrently; here all %s others ran on and completed after one failed, "+
			"although gather had already raised: it propagates the first exception and cancels nothing. %s, as Go's errgroup does (%s answered).",
			sig(others), tg, sig(f["go.taskgroup.answered"]))
	} else {
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Tutorial 003 says gather runs the coroutines concurrently; here only %s of %s others completed after one failed.", sig(gc), sig(others))
	}
	return v
}

// judgeFetch reads "pages", "cpython.sequential.s", "cpython.threads.s",
// "cpython.asyncio.s", "go.sequential.s" and "go.goroutines.s": the time
// to fetch every page from a local server that holds each one latency.
// "Significantly reduced" is taken as at most half the sequential time.
func judgeFetch(f Figures) Verdict {
	if !f.Has("pages", "go.sequential.s", "go.goroutines.s") {
		return unmeasured("the fetches in Go")
	}
	goText := fmt.Sprintf("%s pages: one after the other %.3g s, a goroutine each %.3g s", sig(f["pages"]), f["go.sequential.s"], f["go.goroutines.s"])
	if !f.Has("cpython.sequential.s", "cpython.threads.s", "cpython.asyncio.s") {
		return noPythonGo(goText, "in Go, fetching on a goroutine each overlapped the waits")
	}
	seq, th, as := f["cpython.sequential.s"], f["cpython.threads.s"], f["cpython.asyncio.s"]
	v := Verdict{CPython: fmt.Sprintf("one after the other %.3g s, threads %.3g s, asyncio %.3g s", seq, th, as), Go: goText}
	if 2*th <= seq && 2*as <= seq {
		v.Outcome = Agrees
		v.Text = fmt.Sprintf("Tutorial 003 says concurrent fetches take far less time than sequential ones; here %s pages took %.3g s one after the other, "+
			"%.3g s on a thread each and %.3g s with asyncio (%s and %s faster).", sig(f["pages"]), seq, th, as, times(seq/th), times(seq/as))
	} else {
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Tutorial 003 says concurrent fetches take far less time than sequential ones; here %s pages took %.3g s one after the other, "+
			"%.3g s on threads and %.3g s with asyncio: not half.", sig(f["pages"]), seq, th, as)
	}
	return v
}

// judgeThreadPoolGIL reads "cores" (GOMAXPROCS, also the number of tasks
// and workers), "cpython.gil" (1 when the GIL was enabled),
// "cpython.sequential.s", "cpython.thread_pool.s", "cpython.process_pool.s",
// optionally "cpython.interpreter_pool.s" (3.14+), and "go.sequential.s",
// "go.goroutine_pool.s", "go.process_pool.s". A thread pool is "subject to
// the GIL" when it gains less than half of what the extra cores allow over
// one task after another: under 1 + (cores−1)/2, 1.5× on 2 cores.
func judgeThreadPoolGIL(f Figures) Verdict {
	if !f.Has("cores", "go.sequential.s", "go.goroutine_pool.s", "go.process_pool.s") {
		return unmeasured("the CPU-bound batch on Go's pools")
	}
	n := f["cores"]
	gs := f["go.sequential.s"]
	goText := fmt.Sprintf("%s tasks: goroutine pool %s, process pool %s", sig(n), times(gs/f["go.goroutine_pool.s"]), times(gs/f["go.process_pool.s"]))
	if !f.Has("cpython.gil", "cpython.sequential.s", "cpython.thread_pool.s", "cpython.process_pool.s") {
		return noPythonGo(goText, "in Go, the goroutine pool used every core")
	}
	seq := f["cpython.sequential.s"]
	th, pr := seq/f["cpython.thread_pool.s"], seq/f["cpython.process_pool.s"]
	cp := fmt.Sprintf("%s tasks: thread pool %s, process pool %s", sig(n), times(th), times(pr))
	if f.Has("cpython.interpreter_pool.s") {
		cp += fmt.Sprintf(", interpreter pool %s", times(seq/f["cpython.interpreter_pool.s"]))
	}
	v := Verdict{CPython: cp + " faster than one after the other", Go: goText}
	figs := fmt.Sprintf("%s CPU-bound tasks ran %s faster on a thread pool than one after the other, %s on a process pool", sig(n), times(th), times(pr))
	switch {
	case f["cpython.gil"] == 0:
		v.Outcome = DependsOn
		v.Condition = "the build"
		v.Text = "Tutorial 003 says a thread pool is still subject to the GIL; this CPython runs without one (free-threaded build): " + figs + "."
	case n < 2:
		v.Outcome = DependsOn
		v.Condition = "the number of cores"
		v.Text = "Tutorial 003 says a thread pool is still subject to the GIL; on 1 core nothing runs in parallel anyway: " + figs + "."
	case th < 1+0.5*(n-1):
		v.Outcome = Agrees
		v.Text = fmt.Sprintf("Tutorial 003 says a thread pool is still subject to the GIL; here, on %s, %s.", cores(n), figs)
	default:
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Tutorial 003 says a thread pool is still subject to the GIL; here, on %s, with the GIL enabled, %s.", cores(n), figs)
	}
	return v
}

// judgeProcessOverhead reads "cpython.thread_pool.us" and
// "cpython.process_pool.us" (µs per no-op task through a started pool),
// "go.goroutine_pool.us" and "go.process_pool.us". Processes have "higher
// overhead" when a task costs at least twice as much.
func judgeProcessOverhead(f Figures) Verdict {
	if !f.Has("go.goroutine_pool.us", "go.process_pool.us") {
		return unmeasured("the no-op tasks on Go's pools")
	}
	goText := fmt.Sprintf("goroutine pool %s µs, process pool %s µs per task", sig(f["go.goroutine_pool.us"]), sig(f["go.process_pool.us"]))
	if !f.Has("cpython.thread_pool.us", "cpython.process_pool.us") {
		return noPythonGo(goText, "in Go, a task cost more on the process pool")
	}
	th, pr := f["cpython.thread_pool.us"], f["cpython.process_pool.us"]
	v := Verdict{CPython: fmt.Sprintf("thread pool %s µs, process pool %s µs per task", sig(th), sig(pr)), Go: goText}
	if pr >= 2*th {
		v.Outcome = Agrees
		v.Text = fmt.Sprintf("Tutorial 003 says processes have higher overhead; here a task that does nothing cost %s µs on a ProcessPoolExecutor "+
			"against %s µs on a ThreadPoolExecutor (%s).", sig(pr), sig(th), times(pr/th))
	} else {
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Tutorial 003 says processes have higher overhead; here a task that does nothing cost %s µs on a ProcessPoolExecutor "+
			"and %s µs on a ThreadPoolExecutor: not twice as much.", sig(pr), sig(th))
	}
	return v
}

// judgeTopLevel reads, for each start method this Python has,
// "cpython.<method>.ok" (1 when the example printed its last line and
// exited 0), and "cpython.default.<method>" = 1 for the default one. The
// example works under the default: agrees; fails under some other:
// depends on the start method; fails under the default: disagrees.
func judgeTopLevel(f Figures) Verdict {
	var def string
	var ok, failed []string
	for _, m := range StartMethods {
		if f["cpython.default."+m] == 1 {
			def = m
		}
		if !f.Has("cpython." + m + ".ok") {
			continue
		}
		if f["cpython."+m+".ok"] == 1 {
			ok = append(ok, m)
		} else {
			failed = append(failed, m)
		}
	}
	if def == "" || !f.Has("cpython."+def+".ok") {
		return Verdict{CPython: "not measured", Text: "Not measured in this run: the example under this Python's start methods (it needs python3)."}
	}
	list := func(ms []string) string {
		if len(ms) == 0 {
			return "none"
		}
		return strings.Join(ms, ", ")
	}
	v := Verdict{CPython: fmt.Sprintf("default %s; ran under %s; failed under %s", def, list(ok), list(failed))}
	switch {
	case f["cpython."+def+".ok"] == 0:
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Tutorial 003's module-level ProcessPoolExecutor failed under this Python's default start method, %s: "+
			"the pool needs if __name__ == \"__main__\".", def)
	case len(failed) > 0:
		v.Outcome = DependsOn
		v.Condition = "the start method"
		v.Text = fmt.Sprintf("Tutorial 003's module-level ProcessPoolExecutor ran under %s (this Python's default is %s) and failed under %s, "+
			"whose workers re-import the script and start a pool of their own: fork is Linux's default up to 3.13, forkserver from 3.14, spawn on macOS and Windows.",
			list(ok), def, list(failed))
	default:
		v.Outcome = Agrees
		v.Text = fmt.Sprintf("Tutorial 003's module-level ProcessPoolExecutor ran under every start method measured (%s).", list(ok))
	}
	return v
}

// noPython is the verdict when only the Go side was measured.
func noPythonGo(goText, goSays string) Verdict {
	return Verdict{CPython: "not measured (no python3)", Go: goText,
		Text: "CPython not measured (no python3): the tutorial's claim cannot be judged here; " + goSays + "."}
}
