package strategies

import (
	"context"
	"embed"
	"fmt"
	"strconv"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/claims"
	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/run"
	"concurrencylab/kernel-helpers/source"
)

//go:embed cpython.go
var files embed.FS

// Source returns the Go source of one of this file's functions, for the
// notebook to show beside the Python that does the same.
func Source(name string) (string, error) { return source.Go(files, name) }

// Python returns the python3 this machine has (the first [cpython.Find]
// finds), or nil and an error wrapping [cpython.ErrNoPython] that says why:
// the Go side of every experiment still runs without it.
func Python(ctx context.Context) (*cpython.Interpreter, error) {
	found, err := cpython.Find(ctx)
	if err != nil {
		return nil, err
	}
	return &found[0], nil
}

// Pair is one experiment measured in Go and in CPython, with the figures
// its claim is judged from.
type Pair struct {
	Go, CPython []bench.Result // CPython is nil when it was not measured
	// NoPython says why CPython was not measured ("" when it was).
	NoPython string
	Figures  claims.Figures
}

// All returns the Go results, then the CPython ones, for one plot.
func (p Pair) All() []bench.Result { return append(append([]bench.Result(nil), p.Go...), p.CPython...) }

// pythonSide runs f when there is a python3 and records why not otherwise.
func (p *Pair) pythonSide(py *cpython.Interpreter, f func(cpython.Interpreter) ([]bench.Result, error)) error {
	if py == nil {
		p.NoPython = cpython.ErrNoPython.Error()
		return nil
	}
	rs, err := f(*py)
	if err != nil {
		return err
	}
	p.CPython = append(p.CPython, rs...)
	return nil
}

// seconds is a result's median in seconds.
func seconds(r bench.Result) float64 { return r.Median().Seconds() }

// OneTwoFour is tutorial 000's experiment: the same count split among 1, 2
// and 4 processes. In Go the count is goTotal iterations, on OS threads and
// on a process per task; in CPython (py/n04_split.py), calibrated so that
// one process takes target, on multiprocessing.Process objects, the three
// counts taking turns within every repetition so that a busy moment of the
// machine slows all of them alike. cores is GOMAXPROCS.
//
// Besides the seconds ("cpython.p1.s", ...), the figures say what share of
// their counting time the CPython processes had a core ("cpython.p1.oncpu",
// ...; the median over the repetitions): counting never waits, so a share
// under what the cores allow means other work had the cores.
func OneTwoFour(ctx context.Context, py *cpython.Interpreter, goTotal int64, target time.Duration, cores, reps int) (Pair, error) {
	if err := checkPair(ctx, "OneTwoFour", "goTotal", goTotal, false, target, cores, reps); err != nil {
		return Pair{}, err
	}
	p := Pair{Figures: claims.Figures{"cores": float64(cores), "task.s": target.Seconds()}}
	res, err := Split(ctx, Sweep{Task: "count", Total: goTotal, Workers: []int{1, 2, 4}, Kinds: []Kind{Threads, ProcessPerTask}, Reps: reps})
	if err != nil {
		return p, err
	}
	p.Go = res
	for _, r := range res {
		if r.Strategy == ProcessPerTask.Name {
			p.Figures["go.p"+strconv.Itoa(r.Workers)+".s"] = seconds(r)
		}
	}
	err = p.pythonSide(py, func(in cpython.Interpreter) ([]bench.Result, error) {
		return splitCPython(ctx, in, target, reps, p.Figures)
	})
	return p, err
}

// splitRun is one process count of py/n04_split.py, a value per repetition.
type splitRun struct {
	Processes int       `json:"processes"`
	Wall      []float64 `json:"wall_s"`
	Work      []float64 `json:"work_s"`
	CPU       []float64 `json:"cpu_s"`
}

// splitCPython runs py/n04_split.py for 1, 2 and 4 processes, adds its
// figures to figs and returns one result per count.
func splitCPython(ctx context.Context, in cpython.Interpreter, target time.Duration, reps int, figs claims.Figures) ([]bench.Result, error) {
	counts := []int{1, 2, 4}
	var out struct {
		N           int64      `json:"n"`
		StartMethod string     `json:"start_method"`
		Runs        []splitRun `json:"runs"`
	}
	settings := map[string]any{"target_s": target.Seconds(), "counts": counts, "reps": reps}
	if err := in.RunJSON(ctx, "n04_split", settings, &out); err != nil {
		return nil, err
	}
	if len(out.Runs) != len(counts) {
		return nil, fmt.Errorf("strategies: n04_split.py returned %d runs, want %d", len(out.Runs), len(counts))
	}
	var rs []bench.Result
	for i, run := range out.Runs {
		if run.Processes != counts[i] || len(run.Wall) != reps || len(run.Work) != reps || len(run.CPU) != reps {
			return nil, fmt.Errorf("strategies: n04_split.py returned a run it should not: %d processes, %d, %d and %d values for %d reps",
				run.Processes, len(run.Wall), len(run.Work), len(run.CPU), reps)
		}
		r := bench.Result{Name: cpython.Count, Strategy: in.Prefix() + "-" + cpython.Processes, Workers: run.Processes,
			Params: map[string]string{"n": strconv.FormatInt(out.N/int64(run.Processes), 10), "tasks": strconv.Itoa(run.Processes),
				"start_method": out.StartMethod}}
		share := make([]float64, reps)
		for j, w := range run.Wall {
			if w < 0 || run.Work[j] <= 0 || run.CPU[j] < 0 {
				return nil, fmt.Errorf("strategies: n04_split.py returned a time it should not: %v s, %v s, %v s", w, run.Work[j], run.CPU[j])
			}
			r.Samples = append(r.Samples, time.Duration(w*float64(time.Second)))
			share[j] = run.CPU[j] / run.Work[j]
		}
		key := "cpython.p" + strconv.Itoa(run.Processes)
		figs[key+".s"] = seconds(r)
		figs[key+".oncpu"] = bench.Median(share)
		rs = append(rs, r)
	}
	return rs, nil
}

// PerCore is tutorial 001's experiment: one task of summing square roots
// per core (each task goN iterations in Go, target long in CPython), run one
// after the other, on a thread per task and on a process per task; in Go
// also on a goroutine per task.
func PerCore(ctx context.Context, py *cpython.Interpreter, goN int64, target time.Duration, cores, reps int) (Pair, error) {
	if err := checkPair(ctx, "PerCore", "goN", goN, true, target, cores, reps); err != nil {
		return Pair{}, err
	}
	p := Pair{Figures: claims.Figures{"cores": float64(cores), "task.s": float64(cores) * target.Seconds()}}
	res, err := Split(ctx, Sweep{Task: "sumsqrt", Total: int64(cores) * goN, Workers: []int{cores}, Kinds: []Kind{Sequential, Goroutines, Threads, ProcessPerTask}, Reps: reps})
	if err != nil {
		return p, err
	}
	p.Go = res
	p.Figures["go.threads.s"] = seconds(res[2])
	p.Figures["go.processes.s"] = seconds(res[3])
	err = p.pythonSide(py, func(in cpython.Interpreter) ([]bench.Result, error) {
		rs, err := in.Strategies(ctx, cpython.StrategiesConfig{Workload: cpython.SumSqrt, Tasks: cores, Target: target,
			Strategies: []string{cpython.Sequential, cpython.Threads, cpython.Processes}, Reps: reps})
		if err != nil {
			return nil, err
		}
		p.Figures["cpython.threads.s"] = seconds(rs[1])
		p.Figures["cpython.processes.s"] = seconds(rs[2])
		return rs, nil
	})
	return p, err
}

// Ten is tutorial 003's experiment: 10 counting tasks on 10 threads, then
// on 10 processes (a process per task), goTotal iterations in all in Go,
// target in all in CPython. It keeps the Go runs' records for the timeline.
func Ten(ctx context.Context, py *cpython.Interpreter, goTotal int64, target time.Duration, cores, reps int) (Pair, Comparison, error) {
	if err := checkPair(ctx, "Ten", "goTotal", goTotal, false, target, cores, reps); err != nil {
		return Pair{}, Comparison{}, err
	}
	p := Pair{Figures: claims.Figures{"cores": float64(cores), "task.s": target.Seconds()}}
	c, err := Compare(ctx, "count", run.Work(10, "count", max(goTotal/10, 1)),
		[]Entry{{Kind: Threads, Workers: 10}, {Kind: ProcessPerTask, Workers: 10}}, reps)
	if err != nil {
		return p, c, err
	}
	p.Go = c.Results
	p.Figures["go.threads.s"] = seconds(c.Results[0])
	p.Figures["go.processes.s"] = seconds(c.Results[1])
	err = p.pythonSide(py, func(in cpython.Interpreter) ([]bench.Result, error) {
		rs, err := in.Strategies(ctx, cpython.StrategiesConfig{Workload: cpython.Count, Tasks: 10, Target: max(target/10, time.Millisecond),
			Strategies: []string{cpython.Threads, cpython.Processes}, Reps: reps})
		if err != nil {
			return nil, err
		}
		p.Figures["cpython.threads.s"] = seconds(rs[0])
		p.Figures["cpython.processes.s"] = seconds(rs[1])
		return rs, nil
	})
	return p, c, err
}

// Note is the sentence a cell shows under an experiment: why CPython was
// not measured, or nothing.
func (p Pair) Note() string {
	if p.NoPython == "" {
		return ""
	}
	return "CPython was not measured: " + p.NoPython
}
