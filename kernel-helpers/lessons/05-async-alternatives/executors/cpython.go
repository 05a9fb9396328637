package executors

import (
	"context"
	"errors"
	"fmt"
	"time"

	"concurrencylab/kernel-helpers/claims"
	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/futures"
	"concurrencylab/kernel-helpers/source"
	"concurrencylab/workloads"
)

// program is the course's CPython program for notebook 05.
const program = "async_alternatives"

// PythonSource returns the Python function def of notebook 05's CPython
// program, for the notebook to show beside the Go.
func PythonSource(def string) (string, error) {
	src, err := cpython.Source(program)
	if err != nil {
		return "", err
	}
	return source.Python(src, def)
}

// Batch is one CPU-bound batch: the same counting tasks one after the
// other and on each pool, in seconds. Interpreter is 0 unless the Python
// had InterpreterPoolExecutor (3.14, PEP 734).
type Batch struct {
	Tasks                                       int
	Sequential, ThreadPool, ProcessPool, Interp float64
	GIL                                         bool   // CPython only: whether the GIL was enabled
	Version, StartMethod                        string // CPython only
}

// PyBatch runs tasks CPU-bound tasks of about target each in CPython: one
// after the other, on a ThreadPoolExecutor and a ProcessPoolExecutor of
// tasks workers (and an InterpreterPoolExecutor on 3.14+), keeping the
// fastest of reps batches each way.
func PyBatch(ctx context.Context, in cpython.Interpreter, tasks int, target time.Duration, reps int) (Batch, error) {
	if err := checkBatch(tasks, target, reps); err != nil {
		return Batch{}, err
	}
	var out struct {
		Python struct {
			Version    string `json:"version"`
			GILEnabled bool   `json:"gil_enabled"`
		} `json:"python"`
		Result struct {
			Sequential  float64 `json:"sequential_s"`
			Thread      float64 `json:"thread_pool_s"`
			Process     float64 `json:"process_pool_s"`
			Interp      float64 `json:"interpreter_pool_s"`
			StartMethod string  `json:"start_method"`
		} `json:"result"`
	}
	err := in.RunJSON(ctx, program, map[string]any{"experiment": "pools", "tasks": tasks, "target_s": target.Seconds(), "reps": reps}, &out)
	r := out.Result
	return Batch{Tasks: tasks, Sequential: r.Sequential, ThreadPool: r.Thread, ProcessPool: r.Process, Interp: r.Interp,
		GIL: out.Python.GILEnabled, Version: out.Python.Version, StartMethod: r.StartMethod}, err
}

// GoBatch runs the same batch in Go: tasks counting loops of about target
// each (workloads.CountTo), one after the other, on a goroutine pool and on
// a process pool of tasks workers ("count", registered in package worker),
// keeping the fastest of reps batches each way.
func GoBatch(ctx context.Context, tasks int, target time.Duration, reps int) (Batch, error) {
	if ctx == nil {
		return Batch{}, errors.New("executors: nil context")
	}
	if err := checkBatch(tasks, target, reps); err != nil {
		return Batch{}, err
	}
	n, err := workloads.Calibrate(func(n int64) { workloads.CountTo(n) }, target)
	if err != nil {
		return Batch{}, err
	}
	gp, err := futures.NewGoroutinePool(tasks)
	if err != nil {
		return Batch{}, err
	}
	defer gp.Close()
	pp, err := futures.NewProcessPool(ctx, tasks)
	if err != nil {
		return Batch{}, err
	}
	defer pp.Close()
	if _, err := futures.Wait(futures.SubmitTask[struct{}](ctx, pp, "noop", nil)); err != nil { // workers up
		return Batch{}, err
	}
	ways := []func() error{
		func() error { return countAll(ctx, tasks, n) },
		func() error {
			futs := make([]*futures.Future[int64], tasks)
			for i := range futs {
				futs[i] = futures.Submit(ctx, gp, func(context.Context) (int64, error) { return workloads.CountTo(n), nil })
			}
			_, err := futures.Wait(futs...)
			return err
		},
		func() error {
			futs := make([]*futures.Future[int64], tasks)
			for i := range futs {
				futs[i] = futures.SubmitTask[int64](ctx, pp, "count", n)
			}
			_, err := futures.Wait(futs...)
			return err
		},
	}
	// The ways take turns within each repetition, so that a busy spell of
	// the machine does not fall on one way only; the fastest counts.
	best := make([]float64, len(ways))
	for rep := range reps {
		for i, way := range ways {
			start := time.Now()
			if err := way(); err != nil {
				return Batch{}, err
			}
			if s := time.Since(start).Seconds(); rep == 0 || s < best[i] {
				best[i] = s
			}
		}
	}
	return Batch{Tasks: tasks, Sequential: best[0], ThreadPool: best[1], ProcessPool: best[2]}, nil
}

// countAll counts to n tasks times, one after the other. CountTo does not
// look at ctx, so countAll does between counts: it ends at most one count
// after ctx.
func countAll(ctx context.Context, tasks int, n int64) error {
	for range tasks {
		if ctx.Err() != nil {
			return context.Cause(ctx)
		}
		workloads.CountTo(n)
	}
	return nil
}

// checkBatch bounds a batch before anything starts: a batch is tasks ×
// target of work, reps times, three ways.
func checkBatch(tasks int, target time.Duration, reps int) error {
	switch {
	case tasks <= 0 || tasks > MaxTasks:
		return fmt.Errorf("executors: %d tasks is outside [1, %d] (a pool has a worker per task)", tasks, MaxTasks)
	case reps <= 0 || reps > cpython.MaxReps:
		return fmt.Errorf("executors: %d reps is outside [1, %d]", reps, cpython.MaxReps)
	case target <= 0 || target > MaxTarget:
		return fmt.Errorf("executors: target %v per task is outside (0, %v]", target, MaxTarget)
	}
	return nil
}

// MaxTarget bounds a batch's work per task and [PyTopLevel]'s timeout.
const MaxTarget = time.Minute

// BatchFigures are the figures of claim 003-threadpool-gil; py is nil when
// CPython was not measured.
func BatchFigures(cores int, g Batch, py *Batch) claims.Figures {
	f := claims.Figures{"cores": float64(cores), "go.sequential.s": g.Sequential,
		"go.goroutine_pool.s": g.ThreadPool, "go.process_pool.s": g.ProcessPool}
	if py != nil {
		f["cpython.sequential.s"], f["cpython.thread_pool.s"], f["cpython.process_pool.s"] = py.Sequential, py.ThreadPool, py.ProcessPool
		f["cpython.gil"] = 0
		if py.GIL {
			f["cpython.gil"] = 1
		}
		if py.Interp > 0 {
			f["cpython.interpreter_pool.s"] = py.Interp
		}
	}
	return f
}

// InterpreterLine says what the InterpreterPoolExecutor did, or that this
// Python does not have it.
func InterpreterLine(py Batch) string {
	if py.Interp > 0 {
		return fmt.Sprintf("**InterpreterPoolExecutor** (Python %s): %.3g s for the batch, %.3g× faster than one after the other: "+
			"each worker is a subinterpreter with its own GIL, in one process.", py.Version, py.Interp, py.Sequential/py.Interp)
	}
	return fmt.Sprintf("Python %s has no **InterpreterPoolExecutor**: Python 3.14 brings it (PEP 734), a pool of subinterpreters, "+
		"each with its own GIL, in one process.", py.Version)
}

// DispatchFigures are the figures of claim 003-processpool-overhead: the
// cost per no-op task of Go's pools and, when py is not nil, CPython's
// (from cpython.Interpreter.Dispatch, whose results are named by pool).
func DispatchFigures(g, p time.Duration, py map[string]time.Duration) claims.Figures {
	f := claims.Figures{"go.goroutine_pool.us": us(g), "go.process_pool.us": us(p)}
	if t, ok := py[cpython.ThreadPool]; ok {
		f["cpython.thread_pool.us"] = us(t)
	}
	if t, ok := py[cpython.ProcessPool]; ok {
		f["cpython.process_pool.us"] = us(t)
	}
	return f
}

func us(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }

// PyDispatch measures CPython's cost per no-op task on each pool, by
// pool name ([cpython.ThreadPool], [cpython.ProcessPool]).
func PyDispatch(ctx context.Context, in cpython.Interpreter, tasks, workers, reps int) (map[string]time.Duration, error) {
	rs, err := in.Dispatch(ctx, cpython.DispatchConfig{Tasks: tasks, Workers: workers, Reps: reps})
	if err != nil {
		return nil, err
	}
	out := map[string]time.Duration{}
	for _, r := range rs {
		for _, p := range []string{cpython.ThreadPool, cpython.ProcessPool} {
			if r.Strategy == p || r.Strategy == in.Prefix()+"-"+p {
				out[p] = r.Median()
			}
		}
	}
	if len(out) != 2 {
		return out, fmt.Errorf("executors: CPython's dispatch returned %d of the 2 pools", len(out))
	}
	return out, nil
}

// TopLevel is what tutorial 003's module-level ProcessPoolExecutor did
// under each start method this Python has.
type TopLevel struct {
	Version, Default string
	Methods          map[string]Run
}

// Run is one run of the example.
type Run struct {
	OK            bool   `json:"ok"`
	Exit          int    `json:"exit"`
	Error         string `json:"error"` // the last exception's class name
	Bootstrapping bool   `json:"bootstrapping"`
	TimedOut      bool   `json:"timed_out"`
}

// PyTopLevel runs tutorial 003's example under every start method, each
// run bounded by timeout.
func PyTopLevel(ctx context.Context, in cpython.Interpreter, timeout time.Duration) (TopLevel, error) {
	if timeout <= 0 || timeout > MaxTarget {
		return TopLevel{}, fmt.Errorf("executors: PyTopLevel timeout %v is outside (0, %v] (it bounds each start method's run)", timeout, MaxTarget)
	}
	var out struct {
		Python struct {
			Version string `json:"version"`
		} `json:"python"`
		Result struct {
			Default string         `json:"default"`
			Methods map[string]Run `json:"methods"`
		} `json:"result"`
	}
	err := in.RunJSON(ctx, program, map[string]any{"experiment": "toplevel", "timeout_s": timeout.Seconds()}, &out)
	return TopLevel{Version: out.Python.Version, Default: out.Result.Default, Methods: out.Result.Methods}, err
}

// Figures are the figures of claim 003-toplevel-process-pool.
func (t TopLevel) Figures() claims.Figures {
	f := claims.Figures{}
	for m, r := range t.Methods {
		f["cpython."+m+".ok"] = 0
		if r.OK {
			f["cpython."+m+".ok"] = 1
		}
	}
	if t.Default != "" {
		f["cpython.default."+t.Default] = 1
	}
	return f
}

// Table returns a header and one row per start method.
func (t TopLevel) Table() ([]string, [][]string) {
	var rows [][]string
	for _, m := range claims.StartMethods {
		r, ok := t.Methods[m]
		if !ok {
			continue
		}
		res := "ran to its last line"
		switch {
		case r.TimedOut:
			res = "timed out"
		case !r.OK:
			res = fmt.Sprintf("exit code %d, %s", r.Exit, r.Error)
			if r.Bootstrapping {
				res += " (a worker re-ran the module and tried to start a pool before bootstrapping ended)"
			}
		}
		def := ""
		if m == t.Default {
			def = "default"
		}
		rows = append(rows, []string{m, def, res})
	}
	return []string{"start method", "", "the example"}, rows
}
