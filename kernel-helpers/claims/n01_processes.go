package claims

import (
	"fmt"
	"strings"
)

// The claims notebook 01-processes measures.
func init() {
	register(
		Claim{
			ID: "001-own-memory", Facts: true,
			Seed:       Seed001,
			Quote:      "Each process has its own memory space it uses to store the instructions being run, as well as any data it needs",
			Notebook:   "01-processes",
			Experiment: "a parent changes a global, starts a child that reads it and changes it, then reads it again: CPython under each start method, Go with a re-executed child",
			Judge:      judgeOwnMemory,
		},
		Claim{
			ID: "002-separate-memory", Facts: true,
			Seed:       Seed002,
			Quote:      "threads run in the same memory space, while processes have separate memory.",
			Notebook:   "01-processes",
			Experiment: "the same write to a global from a thread (a goroutine in Go) and from a child process: does the parent see it?",
			Judge:      judgeSeparateMemory,
		},
		Claim{
			ID:         "002-process-creation",
			Seed:       Seed002,
			Quote:      "Creation of a process is time-consuming and resource intensive.",
			Notebook:   "01-processes",
			Experiment: "median start+join of a no-op Process under each start method against a threading.Thread; in Go a re-executed worker process, an OS thread, a goroutine",
			Judge:      judgeProcessCreation,
		},
		Claim{
			ID:         "001-thread-overhead",
			Seed:       Seed001,
			Quote:      "threading has provided us with some additional benefit without requiring the overhead needed in creating multiple processes.",
			Notebook:   "01-processes",
			Experiment: "start+join of a no-op Process under this Python's default start method against a threading.Thread; the same in Go",
			Judge:      judgeThreadOverhead,
		},
		Claim{
			ID: "004-smallest-unit", Facts: true,
			Seed:       Seed004,
			Quote:      "you instruct your processor … to create and to schedule a single process … which is the smallest unit of processing",
			Notebook:   "01-processes",
			Experiment: "the threads /proc counts in a running python3 (idle, then with one threading.Thread) and in a running Go program; the CPU time per wall second of a Go process with busy goroutines",
			Judge:      judgeSmallestUnit,
		},
		Claim{
			ID: "002-killable", Facts: true,
			Seed:       Seed002,
			Quote:      "child processes are killable (ex. function calls in program)",
			Notebook:   "01-processes",
			Experiment: "SIGKILL a CPython child that holds a multiprocessing.Lock (is it gone, is the lock free?) and a counting Go child (is it gone?)",
			Judge:      judgeKillable,
		},
		Claim{
			ID: "001-stack-locals", Facts: true,
			Seed:       Seed001,
			Quote:      "The stack contains local variables, such as a variable declared and used inside a function.",
			Notebook:   "01-processes",
			Experiment: "the Go compiler's escape analysis (go build -gcflags=-m=2) of locals used only inside their function, and heap allocations counted for make([]byte, n); CPython keeps every object on its heap",
			Judge:      judgeStackLocals,
		},
	)
}

// StartMethods are multiprocessing's start methods, in the order the
// course lists them. Figures about one carry its name: "cpython.fork.ms".
var StartMethods = []string{"fork", "forkserver", "spawn"}

// StartMethodCode encodes a start method as the number a [Figures] entry
// can hold ("cpython.default_method"): 1 fork, 2 forkserver, 3 spawn; 0
// for a name it does not know.
func StartMethodCode(name string) float64 {
	for i, m := range StartMethods {
		if m == name {
			return float64(i + 1)
		}
	}
	return 0
}

// startMethodName decodes [StartMethodCode]; "" for an unknown code.
func startMethodName(code float64) string {
	i := int(code) - 1
	if float64(i+1) != code || i < 0 || i >= len(StartMethods) {
		return ""
	}
	return StartMethods[i]
}

// measuredMethods lists the start methods f has the figure suffix for,
// "cpython.<method>.<suffix>".
func measuredMethods(f Figures, suffix string) []string {
	var out []string
	for _, m := range StartMethods {
		if f.Has("cpython." + m + "." + suffix) {
			out = append(out, m)
		}
	}
	return out
}

// noPython is the verdict when only the Go side was measured.
func noPython(goText, tutorial string) Verdict {
	return Verdict{CPython: "not measured (no python3)", Go: goText,
		Text: "CPython not measured (no python3): " + tutorial + "'s claim about Python cannot be judged here; the Go column shows what Go did."}
}

// ratio formats a ratio as times does, but large ones as whole numbers:
// "4830×", not "4.83e+03×".
func ratio(r float64) string {
	if r >= 1000 {
		return fmt.Sprintf("%.0f×", r)
	}
	return times(r)
}

// and joins names as prose does: "a", "a and b", "a, b and c".
func and(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func yesNo(v float64) string {
	if v == 1 {
		return "yes"
	}
	return "no"
}

// judgeOwnMemory reads "go.child_saw_parent" and "go.parent_saw_child"
// (1 or 0: did the Go child start with the parent's value, did the parent
// see the child's write) and, per start method m, "cpython.m.child_saw_parent"
// and "cpython.m.parent_saw_child". The claim fails if any child's write
// reached its parent. What the child's memory starts with depends on the
// start method (fork copies the parent's), which the text says.
func judgeOwnMemory(f Figures) Verdict {
	if !f.Has("go.child_saw_parent", "go.parent_saw_child") {
		return unmeasured("a Go child's view of its parent's variable")
	}
	goText := fmt.Sprintf("re-executed child: started with the parent's value %s, its write seen by the parent %s",
		yesNo(f["go.child_saw_parent"]), yesNo(f["go.parent_saw_child"]))
	methods := measuredMethods(f, "parent_saw_child")
	if len(methods) == 0 {
		return noPython(goText, "tutorial 001")
	}
	var rows, crossed, copied, fresh []string
	for _, m := range methods {
		saw, wrote := f["cpython."+m+".child_saw_parent"], f["cpython."+m+".parent_saw_child"]
		rows = append(rows, fmt.Sprintf("%s: started with the parent's value %s, write seen by the parent %s", m, yesNo(saw), yesNo(wrote)))
		if wrote == 1 {
			crossed = append(crossed, m)
		}
		if saw == 1 {
			copied = append(copied, m)
		} else {
			fresh = append(fresh, m)
		}
	}
	if f["go.parent_saw_child"] == 1 {
		crossed = append(crossed, "Go")
	}
	v := Verdict{CPython: strings.Join(rows, "; "), Go: goText}
	if len(crossed) > 0 {
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Tutorial 001 says each process has its own memory; here a child's write reached its parent (%s): they shared memory.",
			strings.Join(crossed, ", "))
		return v
	}
	v.Outcome = Agrees
	v.Text = fmt.Sprintf("Tutorial 001 says each process has its own memory; here no child's write reached its parent, under %s and in Go.",
		strings.Join(methods, ", "))
	if len(copied) > 0 {
		v.Text += fmt.Sprintf(" What that memory starts with depends on the start method: under %s the child began with a copy of the parent's value", and(copied))
		if len(fresh) > 0 {
			v.Text += fmt.Sprintf(", under %s it re-imported the program and saw the module's own value", and(fresh))
		}
		v.Text += "."
	}
	return v
}

// judgeSeparateMemory reads "cpython.thread.parent_saw_child" (1 when the
// parent saw a threading.Thread's write), "cpython.m.parent_saw_child" per
// start method m, "go.thread_write_seen" (a goroutine's write) and
// "go.parent_saw_child" (a child process's write).
func judgeSeparateMemory(f Figures) Verdict {
	if !f.Has("go.thread_write_seen", "go.parent_saw_child") {
		return unmeasured("a goroutine's and a child process's write, seen from Go")
	}
	goText := fmt.Sprintf("goroutine's write seen %s, child process's write seen %s", yesNo(f["go.thread_write_seen"]), yesNo(f["go.parent_saw_child"]))
	methods := measuredMethods(f, "parent_saw_child")
	if !f.Has("cpython.thread.parent_saw_child") || len(methods) == 0 {
		return noPython(goText, "tutorial 002")
	}
	cpy := []string{"thread's write seen " + yesNo(f["cpython.thread.parent_saw_child"])}
	shared := f["cpython.thread.parent_saw_child"] == 1 && f["go.thread_write_seen"] == 1
	separate := f["go.parent_saw_child"] == 0
	for _, m := range methods {
		cpy = append(cpy, fmt.Sprintf("%s child's write seen %s", m, yesNo(f["cpython."+m+".parent_saw_child"])))
		separate = separate && f["cpython."+m+".parent_saw_child"] == 0
	}
	v := Verdict{CPython: strings.Join(cpy, ", "), Go: goText}
	switch {
	case shared && separate:
		v.Outcome = Agrees
		v.Text = "Tutorial 002 says threads share their process's memory and processes do not; here the parent saw its thread's (goroutine's) write and none of its child processes' writes, in CPython and in Go."
	case !shared:
		v.Outcome = Disagrees
		v.Text = "Tutorial 002 says threads run in the same memory space; here a thread's write did not reach the thread that started it."
	default:
		v.Outcome = Disagrees
		v.Text = "Tutorial 002 says processes have separate memory; here a child process's write reached its parent."
	}
	return v
}

// startCosts reads the per-method start+join times "cpython.m.ms" over
// "cpython.thread.ms" and formats them, cheapest method first in order.
func startCosts(f Figures, methods []string) (text string, minR, maxR float64, cheap, dear string) {
	var parts []string
	th := f["cpython.thread.ms"]
	for _, m := range methods {
		r := f["cpython."+m+".ms"] / th
		parts = append(parts, fmt.Sprintf("%s %s (%s a thread)", m, ms(f["cpython."+m+".ms"]), ratio(r)))
		if cheap == "" || r < minR {
			minR, cheap = r, m
		}
		if dear == "" || r > maxR {
			maxR, dear = r, m
		}
	}
	parts = append(parts, "thread "+ms(th))
	return strings.Join(parts, ", "), minR, maxR, cheap, dear
}

// goStarts formats the Go side of the start-cost claims.
func goStarts(f Figures) string {
	s := fmt.Sprintf("process %s, OS thread %s (%s)", ms(f["go.process.ms"]), ms(f["go.thread.ms"]), times(f["go.process.ms"]/f["go.thread.ms"]))
	if f.Has("go.goroutine.ms") {
		s += ", goroutine " + ms(f["go.goroutine.ms"])
	}
	return s
}

// processCostRatio is how many thread starts a process start must cost
// before "time-consuming" holds: below 3 the two are of a kind.
const processCostRatio = 3

// methodSpread is how far apart (dearest over cheapest) the start methods
// may be before the cost is said to depend on the method.
const methodSpread = 5

// judgeProcessCreation reads "cpython.m.ms" (median start+join of a no-op
// process under start method m, in ms), "cpython.thread.ms" (the same for a
// threading.Thread), "go.process.ms", "go.thread.ms" and optionally
// "go.goroutine.ms".
func judgeProcessCreation(f Figures) Verdict {
	if !f.Has("go.process.ms", "go.thread.ms") || f["go.thread.ms"] <= 0 {
		return unmeasured("the start of a Go process and OS thread")
	}
	goText := goStarts(f)
	methods := measuredMethods(f, "ms")
	if !f.Has("cpython.thread.ms") || f["cpython.thread.ms"] <= 0 || len(methods) == 0 {
		return noPython(goText, "tutorial 002")
	}
	text, minR, maxR, cheap, dear := startCosts(f, methods)
	v := Verdict{CPython: text, Go: goText}
	switch {
	case minR < processCostRatio:
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Tutorial 002 says creating a process is time-consuming; here, under %s, a process start+join cost %s, only %s a thread's %s.",
			cheap, ms(f["cpython."+cheap+".ms"]), times(minR), ms(f["cpython.thread.ms"]))
	case maxR/minR >= methodSpread:
		v.Outcome = DependsOn
		v.Condition = "the start method"
		v.Text = fmt.Sprintf("Tutorial 002 says creating a process is time-consuming; here it cost %s a thread under %s but %s under %s: "+
			"how costly depends on the start method (fork copies the running parent, spawn starts and imports a fresh interpreter).",
			ratio(minR), cheap, ratio(maxR), dear)
	default:
		v.Outcome = Agrees
		v.Text = fmt.Sprintf("Tutorial 002 says creating a process is time-consuming; here a process start+join cost %s to %s a thread's under every start method measured.",
			ratio(minR), ratio(maxR))
	}
	return v
}

// judgeThreadOverhead reads "cpython.default_method" ([StartMethodCode] of
// the running Python's default), "cpython.m.ms" for that method m,
// "cpython.thread.ms", "go.process.ms" and "go.thread.ms".
func judgeThreadOverhead(f Figures) Verdict {
	if !f.Has("go.process.ms", "go.thread.ms") || f["go.thread.ms"] <= 0 {
		return unmeasured("the start of a Go process and OS thread")
	}
	goText := goStarts(f)
	m := startMethodName(f["cpython.default_method"])
	if !f.Has("cpython.default_method", "cpython.thread.ms") || m == "" || !f.Has("cpython."+m+".ms") || f["cpython.thread.ms"] <= 0 {
		return noPython(goText, "tutorial 001")
	}
	proc, th := f["cpython."+m+".ms"], f["cpython.thread.ms"]
	r := proc / th
	v := Verdict{CPython: fmt.Sprintf("default start method %s: process %s, thread %s (%s)", m, ms(proc), ms(th), times(r)), Go: goText}
	if r < processCostRatio {
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Tutorial 001 says threads avoid the overhead of creating processes; here, with the default start method %s, a process cost only %s a thread (%s against %s).",
			m, times(r), ms(proc), ms(th))
		return v
	}
	v.Outcome = Agrees
	v.Text = fmt.Sprintf("Tutorial 001 says threads avoid the overhead of creating processes; here, with this Python's default start method %s, a process start+join cost %s, %s a thread's %s: "+
		"for its 20 API requests, 20 processes would cost about %s more to start than 20 threads.", m, ms(proc), times(r), ms(th), ms(20*(proc-th)))
	return v
}

// judgeSmallestUnit reads "cpython.threads.idle" and
// "cpython.threads.with_thread" (OS threads /proc counted in a python3
// process, before and while one threading.Thread runs), "go.threads" (in a
// running Go program) and optionally "go.cpu_per_wall" (CPU seconds per
// wall second of a Go process keeping its goroutines busy) with "cores".
func judgeSmallestUnit(f Figures) Verdict {
	if !f.Has("go.threads") {
		return unmeasured("the threads of a running Go program")
	}
	goText := fmt.Sprintf("%s OS threads in one process", sig(f["go.threads"]))
	if f.Has("go.cpu_per_wall") {
		goText += fmt.Sprintf("; busy: %s CPU s per wall s", sig(f["go.cpu_per_wall"]))
	}
	if !f.Has("cpython.threads.idle", "cpython.threads.with_thread") {
		return noPython(goText, "tutorial 004")
	}
	v := Verdict{CPython: fmt.Sprintf("%s thread(s) idle, %s with one threading.Thread", sig(f["cpython.threads.idle"]), sig(f["cpython.threads.with_thread"])), Go: goText}
	most := max(f["cpython.threads.idle"], f["cpython.threads.with_thread"], f["go.threads"])
	if most <= 1 {
		v.Outcome = Agrees
		v.Text = "Tutorial 004 calls the process the smallest unit the machine schedules; every process here had a single thread, so process and scheduled unit coincided."
		return v
	}
	v.Outcome = Disagrees
	v.Text = fmt.Sprintf("Tutorial 004 says the processor creates and schedules a process, the smallest unit of processing; here /proc counted %s thread(s) in a running python3 (%s with one threading.Thread) and %s in a Go program. "+
		"The kernel creates processes and schedules each thread (each has its own id in /proc/<pid>/task): the thread, not the process, is the smallest unit.",
		sig(f["cpython.threads.idle"]), sig(f["cpython.threads.with_thread"]), sig(f["go.threads"]))
	if f.Has("go.cpu_per_wall", "cores") && f["go.cpu_per_wall"] > 1.2 {
		v.Text += fmt.Sprintf(" The busy Go process used %s seconds of CPU per second on %s: several of its threads ran at the same moment.", sig(f["go.cpu_per_wall"]), cores(f["cores"]))
	}
	return v
}

// judgeKillable reads "go.kill.dead" (1 when the killed Go child was gone
// after the kill and reap), "cpython.kill.dead" (1 when the CPython child
// was no longer alive and its exit code said SIGKILL),
// "cpython.kill.exitcode" and optionally "cpython.kill.lock_left_held" (1
// when the multiprocessing.Lock the child held stayed held after its death).
func judgeKillable(f Figures) Verdict {
	if !f.Has("go.kill.dead") {
		return unmeasured("a kill of a Go child")
	}
	goText := "killed child gone: " + yesNo(f["go.kill.dead"])
	if !f.Has("cpython.kill.dead", "cpython.kill.exitcode") {
		return noPython(goText, "tutorial 002")
	}
	cpy := fmt.Sprintf("killed child gone: %s (exit code %g)", yesNo(f["cpython.kill.dead"]), f["cpython.kill.exitcode"])
	if f.Has("cpython.kill.lock_left_held") {
		cpy += ", its lock left held: " + yesNo(f["cpython.kill.lock_left_held"])
	}
	v := Verdict{CPython: cpy, Go: goText}
	switch {
	case f["cpython.kill.dead"] != 1 || f["go.kill.dead"] != 1:
		v.Outcome = Disagrees
		v.Text = "Tutorial 002 says child processes are killable; here a child survived SIGKILL (see the columns)."
	case f["cpython.kill.lock_left_held"] == 1:
		v.Outcome = DependsOn
		v.Condition = "what the child held"
		v.Text = fmt.Sprintf("Tutorial 002 says child processes are killable: here both children died at once (CPython exit code %g), but the multiprocessing.Lock the CPython child held stayed held after its death, "+
			"so any other process waiting for it would wait for ever. The kill is clean only for a child that holds no lock, queue or pipe.", f["cpython.kill.exitcode"])
	default:
		v.Outcome = Agrees
		v.Text = fmt.Sprintf("Tutorial 002 says child processes are killable; here both children died at once (CPython exit code %g) and left nothing held.", f["cpython.kill.exitcode"])
	}
	return v
}

// judgeStackLocals reads Go figures only (CPython keeps every object on
// its heap, so it has no such case): "go.stack" (values the compiler kept
// on the stack), "go.heap.too_large" (locals used only inside their
// function that it moved to the heap for their size), "go.heap.escaped"
// (locals moved because their address outlives the call) and optionally
// "go.make.large_allocs" (heap allocations per call of a make of a
// non-constant, large size used only inside its function).
func judgeStackLocals(f Figures) Verdict {
	if !f.Has("go.stack", "go.heap.too_large", "go.heap.escaped") {
		return unmeasured("the Go compiler's escape decisions")
	}
	v := Verdict{Go: fmt.Sprintf("%s kept on the stack; on the heap: %s too large, %s escaping", sig(f["go.stack"]), sig(f["go.heap.too_large"]), sig(f["go.heap.escaped"]))}
	inside := f["go.heap.too_large"]
	if f.Has("go.make.large_allocs") {
		v.Go += fmt.Sprintf("; make([]byte, n) large: %s heap allocation(s) per call", sig(f["go.make.large_allocs"]))
		if f["go.make.large_allocs"] >= 1 {
			inside++
		}
	}
	switch {
	case f["go.stack"] == 0:
		v.Outcome = Disagrees
		v.Text = "Tutorial 001 says the stack holds a function's local variables; here the compiler kept none of them on the stack."
	case inside > 0:
		v.Outcome = DependsOn
		v.Condition = "the variable's size and lifetime (escape analysis)"
		v.Text = fmt.Sprintf("Tutorial 001 says the stack holds a function's local variables; here Go kept %s value(s) on the stack but put on the heap locals used only inside their function, too large for a stack frame or of a size known only at run time", sig(f["go.stack"]))
		if f["go.heap.escaped"] > 0 {
			v.Text += ", and a local whose address outlives the call"
		}
		v.Text += ". In CPython every object lives on the heap; a frame holds only references."
	default:
		v.Outcome = Agrees
		v.Text = "Tutorial 001 says the stack holds a function's local variables; here every local used only inside its function stayed on the stack."
	}
	return v
}
