package datarace

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing/fstest"

	"concurrencylab/kernel-helpers/claims"
	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/display"
	"concurrencylab/kernel-helpers/source"
	"concurrencylab/workloads/counter"
)

// ErrNoPython is the error the comparisons keep for the CPython side when
// they are given no interpreter.
var ErrNoPython = cpython.ErrNoPython

// Threads is one racy-counter experiment run in Go and in CPython threads
// with the same number of threads and increments.
type Threads struct {
	// Procs is GOMAXPROCS for the Go side (0: left as it was).
	Procs int
	Go    Losses
	// Py is the CPython side; PyErr says why it is missing.
	Py    *PyThreadRace
	PyErr error
	// Detector is what the race detector said about [Racy], if it ran.
	Detector *Report
}

// Race is the size of one race experiment, run in Go and in CPython.
type Race struct {
	// Racers is how many goroutines (CPython threads) or processes race on
	// one count, at least 1.
	Racers int
	// GoIncrements and PyIncrements are each racer's increments on each
	// side. Give both the same for the same experiment; CPython's shared
	// Value between processes takes a lock at every step, so it needs far
	// fewer.
	GoIncrements, PyIncrements int
	// Trials is how many times each side runs, at least 1.
	Trials int
	// Procs is GOMAXPROCS for the Go side of [CompareThreads] (0: left as
	// it is). At 1, each goroutine must outlast a scheduler turn to be
	// preempted at all, so the Go side needs more increments.
	Procs int
}

// check refuses the sizes no experiment can run with, naming the field;
// each side then checks its own bounds.
func (r Race) check() error {
	switch {
	case r.Racers < 1:
		return fmt.Errorf("datarace: Race.Racers must be at least 1, got %d", r.Racers)
	case r.Trials < 1:
		return fmt.Errorf("datarace: Race.Trials must be at least 1, got %d", r.Trials)
	case r.Procs < 0:
		return fmt.Errorf("datarace: Race.Procs (GOMAXPROCS, 0: as it is) must not be negative, got %d", r.Procs)
	}
	return nil
}

// CompareThreads runs the racy counter with r.Racers goroutines of
// r.GoIncrements increments each, r.Trials times, at GOMAXPROCS r.Procs,
// and the same in CPython threads with r.PyIncrements each when py is not
// nil. A CPython failure is kept in PyErr, not returned: the Go side still
// shows. The Go side returns soon after ctx ends, with an error that wraps
// ctx.Err(); the CPython side runs with the interpreter's timeout and ctx.
func CompareThreads(ctx context.Context, py *cpython.Interpreter, r Race) (Threads, error) {
	t := Threads{Procs: r.Procs}
	if ctx == nil {
		return t, errNilContext
	}
	if err := r.check(); err != nil {
		return t, err
	}
	var ls []Losses
	var err error
	if r.Procs > 0 {
		ls, err = MeasureLossesOn(ctx, r.Procs, []int{r.Racers}, r.GoIncrements, r.Trials)
	} else {
		ls, err = MeasureLosses(ctx, []int{r.Racers}, r.GoIncrements, r.Trials)
	}
	if err != nil {
		return t, err
	}
	t.Go = ls[0]
	if py == nil {
		t.PyErr = ErrNoPython
		return t, nil
	}
	pr, err := CPythonThreadRace(ctx, *py, r.Racers, r.PyIncrements, r.Trials)
	if err != nil {
		t.PyErr = err
		return t, nil
	}
	t.Py = &pr
	return t, nil
}

// Markdown is the experiment as a table, one row per trial, with the
// CPython side or the reason it is missing.
func (t Threads) Markdown() string {
	goHead := "Go goroutines: lost"
	if t.Procs > 0 {
		goHead = fmt.Sprintf("Go, GOMAXPROCS=%d: lost", t.Procs)
	}
	header := []string{"trial", goHead}
	if t.Py != nil {
		header = append(header, "CPython `counter += 1`: lost", "CPython `v = counter; abs(0); counter = v + 1`: lost")
	}
	var rows [][]string
	for i, lost := range t.Go.Lost {
		row := []string{strconv.Itoa(i + 1), display.Count(lost)}
		if t.Py != nil && i < len(t.Py.Plain) && i < len(t.Py.Split) {
			row = append(row, display.Count(t.Py.Plain[i]), display.Count(t.Py.Split[i]))
		}
		rows = append(rows, row)
	}
	table, err := display.TableMarkdown(header, rows)
	if err != nil {
		return err.Error()
	}
	s := fmt.Sprintf("Go: %d goroutines × %s increments each (%s expected per trial).", t.Go.Goroutines, display.Count(int64(t.Go.Increments)), display.Count(t.Go.Expected()))
	if t.Py != nil {
		s += fmt.Sprintf(" CPython: %d threads × %s increments each (%s expected).", t.Py.Threads, display.Count(int64(t.Py.Increments)), display.Count(t.Py.Expected))
	}
	s += "\n\n" + table
	if t.Py != nil {
		gil := "with the GIL"
		if !t.Py.Python.GILEnabled {
			gil = "**without** the GIL"
		}
		s += fmt.Sprintf("\nCPython %s, %s, switch interval %g ms.", t.Py.Python.Version, gil, t.Py.Python.SwitchMS)
	} else {
		s += "\nCPython side not run: " + pyReason(t.PyErr)
	}
	return s
}

func pyReason(err error) string {
	if err == nil || errors.Is(err, cpython.ErrNoPython) {
		return "no python3 on this machine."
	}
	return err.Error()
}

func maxOf(xs []int64) float64 {
	if len(xs) == 0 {
		return 0
	}
	return float64(slices.Max(xs))
}

// UnexpectedFigures are the figures of claim 001-unexpected-behavior: Go's
// trials, how many lost updates and the worst percentage, the detector's
// races when it ran, and CPython's worst loss with the load-call-store loop.
func (t Threads) UnexpectedFigures() claims.Figures {
	p := t.Go.Percents()
	f := claims.Figures{"go.trials": float64(len(t.Go.Lost)), "go.trials.losing": float64(t.Go.Losing())}
	if len(p) > 0 {
		f["go.worst.pct"] = p[len(p)-1]
	}
	if t.Detector != nil {
		f["go.detector.races"] = float64(t.Detector.Races)
	}
	if t.Py != nil {
		f["cpython.split.lost"], f["cpython.expected"] = maxOf(t.Py.Split), float64(t.Py.Expected)
	}
	return f
}

// GILFigures are the figures of claim 002-gil-is-for: Go's worst loss in
// percent (meant for a run at GOMAXPROCS=1), and CPython's worst losses
// with each loop, whether it ran with the GIL, and the expected count.
func (t Threads) GILFigures() claims.Figures {
	f := claims.Figures{}
	if p := t.Go.Percents(); len(p) > 0 {
		f["go.gomaxprocs1.lost.pct"] = p[len(p)-1]
	}
	if t.Py != nil {
		gil := 0.0
		if t.Py.Python.GILEnabled {
			gil = 1
		}
		f["cpython.gil"], f["cpython.expected"] = gil, float64(t.Py.Expected)
		f["cpython.plain.lost"], f["cpython.split.lost"] = maxOf(t.Py.Plain), maxOf(t.Py.Split)
	}
	return f
}

// Processes is processes racing on shared memory, in Go and in CPython.
type Processes struct {
	Go, Py       ProcLosses
	GoErr, PyErr error
}

// CompareProcesses runs [GoProcessRace] with r.Racers processes of
// r.GoIncrements each and, when py is not nil, [CPythonProcessRace] with
// r.PyIncrements each, r.Trials times (r.Procs is not used). Each side's
// failure is kept, not returned.
func CompareProcesses(ctx context.Context, py *cpython.Interpreter, r Race) Processes {
	var p Processes
	if err := r.check(); err != nil {
		p.GoErr, p.PyErr = err, err
		return p
	}
	p.Go, p.GoErr = GoProcessRace(ctx, r.Racers, r.GoIncrements, r.Trials)
	if py == nil {
		p.PyErr = ErrNoPython
		return p
	}
	p.Py, p.PyErr = CPythonProcessRace(ctx, *py, r.Racers, r.PyIncrements, r.Trials)
	return p
}

// Markdown shows both sides as a table, one row per side and method.
func (p Processes) Markdown() string {
	header := []string{"processes sharing one count", "increments", "lost per trial"}
	var rows [][]string
	add := func(name string, l ProcLosses, lost []int64) {
		var s []string
		for _, x := range lost {
			s = append(s, display.Count(x))
		}
		rows = append(rows, []string{name, fmt.Sprintf("%d × %s", l.Processes, display.Count(int64(l.Increments))), fmt.Sprint(s)})
	}
	var notes string
	if p.GoErr == nil {
		add("Go, plain load-add-store on a shared memory map", p.Go, p.Go.Unsafe)
		add("Go, atomic add on the shared memory map", p.Go, p.Go.Safe)
	} else {
		notes += "\nGo side not run: " + p.GoErr.Error()
	}
	if p.PyErr == nil {
		add("CPython ("+p.Py.StartMethod+"), `v.value += 1`", p.Py, p.Py.Unsafe)
		add("CPython, `with v.get_lock(): v.value += 1`", p.Py, p.Py.Safe)
	} else {
		notes += "\nCPython side not run: " + pyReason(p.PyErr)
	}
	if len(rows) == 0 {
		return notes
	}
	table, err := display.TableMarkdown(header, rows)
	if err != nil {
		return err.Error()
	}
	return table + notes
}

// Figures are the figures of claim 004-own-gil-no-race.
func (p Processes) Figures() claims.Figures {
	f := claims.Figures{}
	if p.GoErr == nil {
		f["go.procs.unsafe.lost"], f["go.procs.safe.lost"], f["go.procs.expected"] = maxOf(p.Go.Unsafe), maxOf(p.Go.Safe), float64(p.Go.Expected())
	}
	if p.PyErr == nil {
		f["cpython.procs.unsafe.lost"], f["cpython.procs.safe.lost"], f["cpython.procs.expected"] = maxOf(p.Py.Unsafe), maxOf(p.Py.Safe), float64(p.Py.Expected())
	}
	return f
}

// ProcShareSource returns a function of [ProcShare] ("child", "parent",
// "main") for the notebook to show.
func ProcShareSource(name string) (string, error) {
	return source.Go(fstest.MapFS{"procshare.go": {Data: []byte(ProcShare)}}, name)
}

// Fixes is the counter run unsafe and with each fix, for claim
// 004-queue-or-sync.
type Fixes struct {
	Unsafe Losses
	// Lost is what each fix lost in one run, by strategy name: 0 when right.
	Lost map[string]int64
}

// CheckFixes runs the unsafe counter trials times and each fix once, with
// goroutines goroutines of increments increments. It returns soon after ctx
// ends, with an error that wraps ctx.Err().
func CheckFixes(ctx context.Context, goroutines, increments, trials int) (Fixes, error) {
	ls, err := MeasureLosses(ctx, []int{goroutines}, increments, trials)
	if err != nil {
		return Fixes{}, err
	}
	totals, err := FixTotals(ctx, goroutines, increments)
	if err != nil {
		return Fixes{}, err
	}
	f := Fixes{Unsafe: ls[0], Lost: map[string]int64{}}
	for name, got := range totals {
		f.Lost[name] = ls[0].Expected() - got
	}
	return f, nil
}

// Figures are the figures of claim 004-queue-or-sync.
func (f Fixes) Figures() claims.Figures {
	out := claims.Figures{"go.unsafe.losing": float64(f.Unsafe.Losing())}
	for name, lost := range f.Lost {
		out["go."+name+".lost"] = float64(lost)
	}
	return out
}

// Markdown says what each fix and the unsynchronised loop lost, in a sentence.
func (f Fixes) Markdown() string {
	var parts []string
	for _, name := range []string{counter.Mutex.String(), counter.Atomic.String(), counter.Channel.String()} {
		if lost, ok := f.Lost[name]; ok {
			parts = append(parts, fmt.Sprintf("%s %s", name, display.Count(lost)))
		}
	}
	s := fmt.Sprintf("Updates lost with %d goroutines × %s increments: ", f.Unsafe.Goroutines, display.Count(int64(f.Unsafe.Increments))) + strings.Join(parts, ", ") + "; "
	if p := f.Unsafe.Percents(); f.Unsafe.Losing() > 0 && len(p) > 0 {
		return s + fmt.Sprintf("with no synchronisation, %d of %d trials lost updates (worst %.1f%%).", f.Unsafe.Losing(), len(f.Unsafe.Lost), p[len(p)-1])
	}
	return s + fmt.Sprintf("with no synchronisation, none of %d trials happened to lose an update this time.", len(f.Unsafe.Lost))
}
