package claims

import (
	"fmt"
	"math"
	"strconv"
)

// notebook04 is the notebook that measures the claims of this file.
const notebook04 = "04-threads-vs-processes"

// The claims notebook 04-threads-vs-processes measures.
func init() {
	register(
		Claim{
			ID:    "001-16-cpus",
			Seed:  Seed001,
			Quote: "we can achieve true parallelism & bypass the limitations of the GIL using multiprocessing.",
			Theirs: "16 logical CPUs (os.cpu_count() = 16), 16 tasks: 16 threads 5.14 s, " +
				"16 processes 0.425 s (12.1×)",
			Notebook:   notebook04,
			Experiment: "one CPU-bound task per core, on as many CPython threads, then processes; the same in Go with OS threads and a process per task",
			Judge:      judge16CPUs,
		},
		Claim{
			ID:   "000-diminishing-returns",
			Seed: Seed000,
			Quote: "With more processes the task will be completed quicker, however the rate of runtime improvement " +
				"will not always increase as number of processes increases.",
			Theirs:     "1, 2 and 4 processes: 4.85, 2.90 and 1.69 s (1.67× with 2, 2.87× with 4); its core count is not given",
			Notebook:   notebook04,
			Experiment: "the same count split among 1, 2 and 4 CPython processes (multiprocessing.Process), and Go worker processes",
			Judge:      judgeDiminishing,
		},
		Claim{
			ID:   "003-less-than-a-third",
			Seed: Seed003,
			Quote: "Multiprocessing significantly outperforms multithreading for CPU-bound tasks, " +
				"completing in less than a third of the time.",
			Theirs:     "10 threads 2.53 s, 10 processes 0.78 s (0.31 of the time), each counting to 10**7; its core count is not given",
			Notebook:   notebook04,
			Experiment: "10 counting tasks on 10 CPython threads, then 10 processes; in Go on 10 OS threads, then a process per task",
			Judge:      judgeThird,
		},
		Claim{
			ID:   "003-io-threads",
			Seed: Seed003,
			Quote: "By making concurrent requests, the overall execution time is minimized, " +
				"demonstrating the advantages of multithreading in such scenarios.",
			Theirs:     "no timing given; three public websites fetched with requests, a thread per URL",
			Notebook:   notebook04,
			Experiment: "pages of a local server that holds each request a fixed latency, fetched by CPython with urllib one after the other, then a thread per page; in Go sequentially, then a goroutine per page",
			Judge:      judgeIOThreads,
		},
		Claim{
			ID:         "002-memory-footprint",
			Seed:       Seed002,
			Quote:      "Some caveats of the module are a larger memory footprint",
			Theirs:     "no figure given",
			Notebook:   notebook04,
			Experiment: "private memory (USS, from /proc/<pid>/smaps_rollup) per idle worker: CPython threads vs processes; Go goroutines, OS threads and worker processes",
			Judge:      judgeFootprint,
		},
		Claim{
			ID:         "002-ipc-overhead",
			Seed:       Seed002,
			Quote:      "IPC's a little more complicated with more overhead",
			Theirs:     "no figure given",
			Notebook:   notebook04,
			Experiment: "a round trip of a small and a large payload: CPython to a thread through queue.Queue vs to a process through multiprocessing.Pipe; Go over a channel vs a pipe to a worker process",
			Judge:      judgeIPC,
		},
		Claim{
			ID:   "000-message-passing",
			Seed: Seed000,
			Quote: "this will affect performance negatively but can still outperform serial execution " +
				"depending on the task",
			Theirs:     "no figure given",
			Notebook:   notebook04,
			Experiment: "the same count done serially, then by a pool of one process per core in one message per process (coarse) and in many small messages (fine); CPython's ProcessPoolExecutor, Go worker pools",
			Judge:      judgeMessages,
		},
	)
}

// num formats a figure without an exponent: "16", "65536", "1.97".
func num(x float64) string {
	if math.Abs(x) >= 1000 {
		return strconv.FormatFloat(x, 'f', 0, 64)
	}
	return sig(x)
}

// smallTask is the sentence a CPU-bound verdict adds when the whole job
// ("task.s", seconds on one core) was short: the processes' start, counted
// in their time as in the tutorials, then weighs more than at the
// tutorials' seconds. Under 0.5 s it says so; otherwise, or without the
// figure, nothing.
func smallTask(f Figures) string {
	if !f.Has("task.s") || f["task.s"] >= 0.5 {
		return ""
	}
	return fmt.Sprintf(" The whole job took only %s on one core here, so starting the processes, which counts in their time as in the tutorial, weighs far more than at the tutorial's seconds.",
		ms(1000*f["task.s"]))
}

// noPython is the verdict when only the Go side was measured.
func noPythonAbout(goText, what string) Verdict {
	return Verdict{CPython: "not measured (no python3)", Go: goText,
		Text: "CPython not measured (no python3): the tutorial's claim about " + what + " cannot be judged here; the Go figures are shown."}
}

// judge16CPUs reads "cores" (GOMAXPROCS of the run, which is also how many
// tasks ran), "cpython.threads.s" and "cpython.processes.s" (seconds for
// the batch), "go.threads.s" and "go.processes.s". The tutorial's reasoning
// (the GIL serialises threads, processes run one per core) predicts
// processes faster than threads by about the number of cores, so its 12×
// needs its 16 CPUs: with fewer cores the claim depends on the core count.
func judge16CPUs(f Figures) Verdict {
	if !f.Has("cores", "go.threads.s", "go.processes.s") {
		return unmeasured("one task per core on Go threads and processes")
	}
	n := f["cores"]
	goText := fmt.Sprintf("%s threads %.3g s, processes %.3g s", sig(n), f["go.threads.s"], f["go.processes.s"])
	if !f.Has("cpython.threads.s", "cpython.processes.s") {
		return noPythonAbout(goText, "threads and processes")
	}
	ratio := f["cpython.threads.s"] / f["cpython.processes.s"]
	v := Verdict{
		CPython: fmt.Sprintf("%s threads %.3g s, processes %.3g s (%s)", sig(n), f["cpython.threads.s"], f["cpython.processes.s"], times(ratio)),
		Go:      goText,
	}
	switch {
	case ratio < 1+0.25*(n-1) || n < 2:
		// Processes gained less than a quarter of what the extra cores allow.
		v.Outcome = Disagrees
		faster := "only " + times(ratio) + " faster"
		if ratio < 1 {
			faster = "slower than threads (" + times(ratio) + " their speed)"
		}
		v.Text = fmt.Sprintf("%s measured processes 12.1× faster than threads on 16 CPUs; here, on %s, processes were %s: "+
			"the extra cores bought almost nothing.", capital("tutorial 001"), cores(n), faster) + smallTask(f)
	case n >= 16 && ratio >= 8:
		v.Outcome = Agrees
		v.Text = fmt.Sprintf("Tutorial 001 measured 12.1× on 16 CPUs; here, on %s, processes were %s faster than threads.", cores(n), times(ratio))
	default:
		v.Outcome = DependsOn
		v.Condition = "the number of cores"
		v.Text = fmt.Sprintf("Tutorial 001 measured 12.1× on 16 CPUs; here, on %s, processes were %s faster than threads, "+
			"as its reasoning predicts for %s: the ratio is bounded by the core count, not fixed at 12.", cores(n), times(ratio), cores(n))
	}
	return v
}

// judgeDiminishing reads "cores" and the seconds of the same work split
// among 1, 2 and 4 processes: "cpython.p1.s", "cpython.p2.s",
// "cpython.p4.s", "go.p1.s", "go.p2.s", "go.p4.s". The claim has two
// parts: more processes finish quicker, and the gain per process falls. On
// fewer than 4 cores the 4-process gain is capped by the cores, so the
// claim depends on the core count; on 4 or more it is judged as stated.
// When "cpython.p1.oncpu", "cpython.p2.oncpu" or "cpython.p4.oncpu" say the
// processes waited for a core (see starved), it does not judge.
func judgeDiminishing(f Figures) Verdict {
	if !f.Has("cores", "go.p1.s", "go.p2.s", "go.p4.s") {
		return unmeasured("the count split among 1, 2 and 4 Go processes")
	}
	n := f["cores"]
	row := func(p string) string {
		p1, p2, p4 := f[p+".p1.s"], f[p+".p2.s"], f[p+".p4.s"]
		return fmt.Sprintf("1, 2, 4 processes %.3g, %.3g, %.3g s (%s, %s)", p1, p2, p4, times(p1/p2), times(p1/p4))
	}
	if !f.Has("cpython.p1.s", "cpython.p2.s", "cpython.p4.s") {
		return noPythonAbout(row("go"), "1, 2 and 4 processes")
	}
	s2 := f["cpython.p1.s"] / f["cpython.p2.s"]
	s4 := f["cpython.p1.s"] / f["cpython.p4.s"]
	v := Verdict{CPython: row("cpython"), Go: row("go")}
	if why := starved(f, n); why != "" {
		v.Outcome = Unmeasured
		v.Text = "Not judged: " + why + ": other work had the cores, so the speedups say little about the processes; rerun when the machine is quiet."
		return v
	}
	here := fmt.Sprintf("Tutorial 000 measured 1.67× with 2 processes and 2.87× with 4; here, on %s, CPython gave %s with 2 and %s with 4",
		cores(n), times(s2), times(s4))
	switch {
	case n >= 2 && s2 < 1.2:
		v.Outcome = Disagrees
		v.Text = here + ": 2 processes were not clearly quicker than 1 (under 1.2×) with 2 or more cores to run on." + smallTask(f)
	case n < 4:
		v.Outcome = DependsOn
		v.Condition = "the number of cores"
		v.Text = here + fmt.Sprintf(". With %s, 4 processes can be at most %s as fast as 1, so this machine cannot show the tutorial's 4-process gain: "+
			"here the returns diminish because the cores run out, not because of the processes.", cores(n), times(n))
	case s4 <= 1.05*s2:
		v.Outcome = Disagrees
		v.Text = here + ": 4 processes were no quicker than 2 with 4 or more cores to run on." + smallTask(f)
	case s4/4 < 0.95*s2/2:
		v.Outcome = Agrees
		v.Text = here + fmt.Sprintf(": quicker with more processes, and the gain per process fell from %s to %s, as the tutorial says.",
			pct(s2/2), pct(s4/4))
	default:
		v.Outcome = Disagrees
		v.Text = here + fmt.Sprintf(": the gain per process did not fall (%s with 2, %s with 4), so no diminishing returns up to 4 processes.",
			pct(s2/2), pct(s4/4))
	}
	return v
}

// minOnCPU is the least share of what the cores allow that the CPython
// processes of [judgeDiminishing] must have had a core while counting.
const minOnCPU = 0.8

// starved says which CPython count of [judgeDiminishing] had its cores taken
// by other work, "" when none did or the figures do not say. The figure
// "cpython.pW.oncpu" is the share of their counting time W processes had a
// core; counting never waits, so on n cores it is min(1, n/W) unless other
// work ran. Below minOnCPU of that, the count's time measured the machine.
func starved(f Figures, n float64) string {
	for _, w := range []float64{1, 2, 4} {
		key := fmt.Sprintf("cpython.p%g.oncpu", w)
		if !f.Has(key) {
			continue
		}
		could := math.Min(1, n/w)
		if f[key] < minOnCPU*could {
			their := "their"
			if w == 1 {
				their = "its"
			}
			return fmt.Sprintf("while CPython counted, its %s had a core %s of %s counting time, where %s allow %s",
				processesWord(w), pct(f[key]), their, cores(n), pct(could))
		}
	}
	return ""
}

// processesWord is "1 process" or "W processes".
func processesWord(w float64) string {
	if w == 1 {
		return "1 process"
	}
	return sig(w) + " processes"
}

// judgeThird reads "cores" and the seconds of 10 tasks on 10 threads and on
// 10 processes: "cpython.threads.s", "cpython.processes.s",
// "go.threads.s", "go.processes.s". Less than a third of the time is a
// speedup over 3×, which needs at least 4 cores.
func judgeThird(f Figures) Verdict {
	if !f.Has("cores", "go.threads.s", "go.processes.s") {
		return unmeasured("10 tasks on Go threads and processes")
	}
	n := f["cores"]
	row := func(p string) string {
		t, pr := f[p+".threads.s"], f[p+".processes.s"]
		return fmt.Sprintf("10 threads %.3g s, 10 processes %.3g s (%s of the time)", t, pr, pct(pr/t))
	}
	if !f.Has("cpython.threads.s", "cpython.processes.s") {
		return noPythonAbout(row("go"), "10 threads vs 10 processes")
	}
	frac := f["cpython.processes.s"] / f["cpython.threads.s"]
	v := Verdict{CPython: row("cpython"), Go: row("go")}
	here := fmt.Sprintf("Tutorial 003 measured 10 processes in 31 %% of 10 threads' time (0.78 vs 2.53 s); here, on %s, CPython's processes took %s",
		cores(n), pct(frac))
	switch {
	case n >= 2 && frac > 0.85:
		v.Outcome = Disagrees
		v.Text = here + ": processes hardly outperformed threads with 2 or more cores to run on." + smallTask(f)
	case frac < 1.0/3:
		v.Outcome = Agrees
		v.Text = here + ": less than a third, as the tutorial says."
	case n < 4:
		v.Outcome = DependsOn
		v.Condition = "at least 4 cores"
		v.Text = here + fmt.Sprintf(". Less than a third of the time is more than 3× faster, which %s cannot give; processes did outperform threads, by as much as the cores allow.", cores(n))
	default:
		v.Outcome = Disagrees
		v.Text = here + fmt.Sprintf(": not less than a third, although %s could have made it.", cores(n))
	}
	return v
}

// judgeIOThreads reads "pages", "latency.s" (how long the server holds each
// page) and the seconds to fetch them all: "cpython.sequential.s",
// "cpython.threads.s", "go.sequential.s", "go.goroutines.s". With a thread
// per page the waits can overlap, so the ideal speedup is the page count.
func judgeIOThreads(f Figures) Verdict {
	if !f.Has("pages", "latency.s", "go.sequential.s", "go.goroutines.s") {
		return unmeasured("the pages fetched in Go")
	}
	pages := f["pages"]
	row := func(p, many string) string {
		s, c := f[p+".sequential.s"], f[p+"."+many+".s"]
		return fmt.Sprintf("%s pages: one after the other %s, %s %s (%s)", num(pages), ms(1000*s), many, ms(1000*c), times(s/c))
	}
	if !f.Has("cpython.sequential.s", "cpython.threads.s") {
		return noPythonAbout(row("go", "goroutines"), "threads for I/O")
	}
	s := f["cpython.sequential.s"] / f["cpython.threads.s"]
	v := Verdict{CPython: row("cpython", "threads"), Go: row("go", "goroutines")}
	here := fmt.Sprintf("Tutorial 003 gives no figure; here %s pages held %s each took CPython %s one after the other and %s on a thread per page (%s; %s at best)",
		sig(pages), ms(1000*f["latency.s"]), ms(1000*f["cpython.sequential.s"]), ms(1000*f["cpython.threads.s"]), times(s), times(pages))
	switch {
	case s >= pages/2:
		v.Outcome = Agrees
		v.Text = here + ": the threads' waits overlapped, as the tutorial says; the GIL is released while a thread waits for the network."
	case s < 1.5:
		v.Outcome = Disagrees
		v.Text = here + ": the threads were hardly faster than one after the other."
	default:
		v.Outcome = DependsOn
		v.Condition = "how much of each request is waiting rather than Python work"
		v.Text = here + ": the waits overlapped only in part; the Python work around each request runs one thread at a time under the GIL."
	}
	return v
}

// judgeFootprint reads the private memory (USS) per idle worker, in KiB:
// "cpython.thread.kib", "cpython.process.kib", "go.goroutine.kib",
// "go.thread.kib", "go.process.kib". The claim holds when a CPython
// process costs at least twice what a CPython thread does.
func judgeFootprint(f Figures) Verdict {
	if !f.Has("go.goroutine.kib", "go.thread.kib", "go.process.kib") {
		return unmeasured("the private memory of Go workers")
	}
	goText := fmt.Sprintf("goroutine %s KiB, OS thread %s KiB, process %s KiB", num(f["go.goroutine.kib"]), num(f["go.thread.kib"]), num(f["go.process.kib"]))
	if !f.Has("cpython.thread.kib", "cpython.process.kib") {
		return noPythonAbout(goText, "memory per worker")
	}
	t, p := f["cpython.thread.kib"], f["cpython.process.kib"]
	v := Verdict{CPython: fmt.Sprintf("thread %s KiB, process %s KiB", num(t), num(p)), Go: goText}
	here := fmt.Sprintf("Tutorial 002 gives no figure; here an idle CPython process held %s KiB of private memory, a thread %s KiB", num(p), num(t))
	if t > 0 && p >= 2*t {
		v.Outcome = Agrees
		v.Text = here + fmt.Sprintf(" (%s): a larger footprint, as the tutorial says.", times(p/t))
	} else {
		v.Outcome = Disagrees
		v.Text = here + ": a process did not cost clearly more than a thread."
	}
	return v
}

// judgeIPC reads "bytes.small" and "bytes.large" (the payloads) and the
// microseconds of one round trip: "cpython.thread.small.us",
// "cpython.pipe.small.us", "cpython.thread.large.us",
// "cpython.pipe.large.us" (a thread through queue.Queue, a process through
// multiprocessing.Pipe), and "go.channel.small.us", "go.pipe.small.us",
// "go.channel.large.us", "go.pipe.large.us". "More complicated" is not a
// measurement; "more overhead" is: the pipe must cost at least 1.5× the
// thread's queue at both sizes.
func judgeIPC(f Figures) Verdict {
	if !f.Has("bytes.small", "bytes.large", "go.channel.small.us", "go.pipe.small.us", "go.channel.large.us", "go.pipe.large.us") {
		return unmeasured("round trips in Go")
	}
	row := func(p, local string) string {
		return fmt.Sprintf("%s B: %s %s µs, pipe %s µs; %s B: %s %s µs, pipe %s µs",
			num(f["bytes.small"]), local, num(f[p+"."+local+".small.us"]), num(f[p+".pipe.small.us"]),
			num(f["bytes.large"]), local, num(f[p+"."+local+".large.us"]), num(f[p+".pipe.large.us"]))
	}
	if !f.Has("cpython.thread.small.us", "cpython.pipe.small.us", "cpython.thread.large.us", "cpython.pipe.large.us") {
		return noPythonAbout(row("go", "channel"), "the overhead of IPC")
	}
	rs := f["cpython.pipe.small.us"] / f["cpython.thread.small.us"]
	rl := f["cpython.pipe.large.us"] / f["cpython.thread.large.us"]
	v := Verdict{CPython: row("cpython", "thread"), Go: row("go", "channel")}
	here := fmt.Sprintf("Tutorial 002 gives no figure; here a round trip to a CPython process through a pipe cost %s a thread's through a queue with %s bytes, and %s with %s",
		times(rs), num(f["bytes.small"]), times(rl), num(f["bytes.large"]))
	if rs >= 1.5 && rl >= 1.5 {
		v.Outcome = Agrees
		v.Text = here + ": more overhead, as the tutorial says (pickling and copying through the kernel, where a thread passes a reference)."
	} else {
		v.Outcome = Disagrees
		v.Text = here + ": not clearly more overhead at every size."
	}
	return v
}

// judgeMessages reads "cores", "messages.fine" (how many messages the fine
// split sends) and the seconds of the same count done serially, by a pool
// of one process per core in one message per process, and in
// messages.fine messages: "cpython.serial.s", "cpython.coarse.s",
// "cpython.fine.s", "go.serial.s", "go.coarse.s", "go.fine.s" (Go's fine
// split on a pool of depth 2: ProcessPoolExecutor keeps max_workers + 1
// calls queued, about one waiting per worker). The claim holds when the coarse split beats serial and
// the fine one is slower than the coarse: messages cost, processes can still
// win.
func judgeMessages(f Figures) Verdict {
	if !f.Has("cores", "messages.fine", "go.serial.s", "go.coarse.s", "go.fine.s") {
		return unmeasured("the count split into messages in Go")
	}
	n, m := f["cores"], f["messages.fine"]
	row := func(p string) string {
		return fmt.Sprintf("serial %s, %s messages %s, %s messages %s", ms(1000*f[p+".serial.s"]), sig(n), ms(1000*f[p+".coarse.s"]), num(m), ms(1000*f[p+".fine.s"]))
	}
	if !f.Has("cpython.serial.s", "cpython.coarse.s", "cpython.fine.s") {
		return noPythonAbout(row("go"), "message passing")
	}
	serial, coarse, fine := f["cpython.serial.s"], f["cpython.coarse.s"], f["cpython.fine.s"]
	v := Verdict{CPython: row("cpython"), Go: row("go")}
	here := fmt.Sprintf("Tutorial 000 gives no figure; here, on %s, CPython took %s serially, %s in %s messages to a process pool and %s in %s messages",
		cores(n), ms(1000*serial), ms(1000*coarse), sig(n), ms(1000*fine), num(m))
	switch {
	case n < 2:
		v.Outcome = DependsOn
		v.Condition = "the number of cores"
		v.Text = here + ": with 1 core processes have nothing to run in parallel on, so they cannot outperform serial."
	case coarse >= 0.95*serial:
		v.Outcome = Disagrees
		v.Text = here + ": even with few messages the processes did not outperform serial execution."
		if f.Has("task.s") && f["task.s"] < 0.5 {
			v.Text += fmt.Sprintf(" The whole job took only %s on one core here: against so little work each message's fixed cost weighs far more than against a task of seconds.", ms(1000*f["task.s"]))
		}
	case fine <= 1.05*coarse:
		v.Outcome = Disagrees
		v.Text = here + ": the extra messages cost nothing measurable, so the performance penalty the tutorial warns of did not show."
	default:
		v.Outcome = Agrees
		v.Text = here + fmt.Sprintf(": the messages cost %s, and the processes still beat serial with few messages, as the tutorial says.", ms(1000*(fine-coarse)))
	}
	return v
}
