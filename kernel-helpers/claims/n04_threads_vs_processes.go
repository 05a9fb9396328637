package claims

import "fmt"

// The claims notebook 04-threads-vs-processes measures.
func init() {
	register(
		Claim{
			ID:    "001-16-cpus",
			Seed:  Seed001,
			Quote: "we can achieve true parallelism & bypass the limitations of the GIL using multiprocessing.",
			Theirs: "16 logical CPUs (os.cpu_count() = 16), 16 tasks: 16 threads 5.14 s, " +
				"16 processes 0.425 s (12.1×)",
			Notebook:   "04-threads-vs-processes",
			Experiment: "one CPU-bound task per core, on as many CPython threads, then processes; the same in Go with OS threads and worker processes",
			Judge:      judge16CPUs,
		},
	)
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
		return Verdict{CPython: "not measured (no python3)", Go: goText,
			Text: "Without python3 the tutorial's CPython claim cannot be judged here; in Go, threads and processes both use every core."}
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
		v.Text = fmt.Sprintf("%s measured processes 12.1× faster than threads on 16 CPUs; here, on %s, processes were only %s faster: "+
			"the extra cores bought almost nothing.", capital("tutorial 001"), cores(n), times(ratio))
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
