package startmethod

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/claims"
	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/lessons/01-processes/startcost"
	"concurrencylab/kernel-helpers/source"
)

// Program is the name of the course's Python program this package runs.
const Program = "pstart"

// Settings are pstart.py's settings.
type Settings struct {
	// Reps is the number of timed start+join per start method, after one
	// warm-up; 0 means 5.
	Reps int `json:"reps"`
	// Methods are the start methods to time; empty means every one the
	// interpreter has.
	Methods []string `json:"methods"`
	// Kill runs the kill experiment too.
	Kill bool `json:"kill"`
}

// MaxReps bounds Settings.Reps (a spawn start takes tens of milliseconds).
const MaxReps = 1000

// Start is one kind of start the program timed: a process under one start
// method, or a thread (Method "").
type Start struct {
	Kind    string    `json:"kind"` // "process" or "thread"
	Method  string    `json:"method"`
	Samples []float64 `json:"samples_s"`
	// ChildSawParentValue is whether the child read the value the parent
	// had set before starting it; ChildSaw is what it read.
	ChildSawParentValue bool   `json:"child_saw_parent_value"`
	ChildSaw            string `json:"child_saw"`
	// ParentSawChildWrite is whether the parent read the child's change.
	ParentSawChildWrite bool `json:"parent_saw_child_write"`
}

// Median is the median start+join time.
func (s Start) Median() time.Duration {
	if len(s.Samples) == 0 {
		return 0
	}
	x := slices.Sorted(slices.Values(s.Samples))
	m := x[len(x)/2]
	if len(x)%2 == 0 {
		m = (x[len(x)/2-1] + m) / 2
	}
	return time.Duration(m * float64(time.Second))
}

// Kill is what became of a child killed while it held a lock.
type Kill struct {
	Method       string `json:"method"`
	ExitCode     *int   `json:"exitcode"`
	AliveAfter   bool   `json:"alive_after"`
	LockLeftHeld bool   `json:"lock_left_held"`
}

// Report is what pstart.py measured, or why nothing was.
type Report struct {
	// Missing says why CPython was not measured ("" when it was).
	Missing string `json:"-"`
	// Interpreter describes the python3 that ran, without its path.
	Interpreter string `json:"-"`
	Python      struct {
		Version string `json:"version"`
	} `json:"python"`
	Platform         string   `json:"platform"`
	DefaultMethod    string   `json:"default_method"`
	AvailableMethods []string `json:"available_methods"`
	Starts           []Start  `json:"starts"`
	Threads          struct {
		Idle          *int `json:"idle"`
		WithOneThread *int `json:"with_one_thread"`
	} `json:"threads"`
	Kill *Kill `json:"kill"`
}

// Measure runs pstart.py on python3. Without a usable python3 it returns a
// report whose Missing says so, and no error: the Go side goes on. Bad
// settings are an error whether or not python3 is there.
func Measure(ctx context.Context, s Settings) (Report, error) {
	if ctx == nil {
		return Report{}, errors.New("startmethod: Measure needs a context, got nil")
	}
	if _, err := s.checked(); err != nil {
		return Report{}, err
	}
	in, err := cpython.Lookup(ctx, "python3")
	if errors.Is(err, cpython.ErrNoPython) {
		return Report{Missing: err.Error()}, nil
	}
	if err != nil {
		return Report{}, fmt.Errorf("startmethod: %w", err)
	}
	return Run(ctx, in, s)
}

// checked returns s with its defaults filled in, or an error naming the
// setting that is out of range.
func (s Settings) checked() (Settings, error) {
	if s.Reps == 0 {
		s.Reps = 5
	}
	if s.Reps < 1 || s.Reps > MaxReps {
		return s, fmt.Errorf("startmethod: reps must be in [1, %d], got %d", MaxReps, s.Reps)
	}
	for _, m := range s.Methods {
		if !slices.Contains(claims.StartMethods, m) {
			return s, fmt.Errorf("startmethod: unknown start method %q; want one of %s", m, strings.Join(claims.StartMethods, ", "))
		}
	}
	if s.Methods == nil {
		s.Methods = []string{} // JSON [], which pstart.py reads as "every method"
	}
	return s, nil
}

// Run runs pstart.py on the interpreter in.
func Run(ctx context.Context, in cpython.Interpreter, s Settings) (Report, error) {
	if ctx == nil {
		return Report{}, errors.New("startmethod: Run needs a context, got nil")
	}
	s, err := s.checked()
	if err != nil {
		return Report{}, err
	}
	var r Report
	if err := in.RunJSON(ctx, Program, s, &r); err != nil {
		return Report{}, fmt.Errorf("startmethod: %w", err)
	}
	if len(r.Starts) == 0 {
		return Report{}, errors.New("startmethod: pstart.py timed nothing")
	}
	for _, st := range r.Starts {
		if len(st.Samples) == 0 {
			return Report{}, fmt.Errorf("startmethod: pstart.py gave no samples for %s %s", st.Kind, st.Method)
		}
	}
	r.Interpreter = in.String()
	return r, nil
}

// thread returns the thread row, if any.
func (r Report) thread() (Start, bool) {
	for _, s := range r.Starts {
		if s.Kind == "thread" {
			return s, true
		}
	}
	return Start{}, false
}

// Default says which start method this interpreter uses unless told, as it
// reported it, and which it has.
func (r Report) Default() string {
	if r.Missing != "" {
		return r.Missing
	}
	return fmt.Sprintf("%s on %s starts processes with **%s** unless told otherwise (`multiprocessing.get_start_method()`); it has %s.",
		r.Interpreter, r.Platform, r.DefaultMethod, strings.Join(r.AvailableMethods, ", "))
}

// Markdown shows one row per start: the median start+join, its spread, how
// many thread starts it is worth, and the memory check.
func (r Report) Markdown() string {
	if r.Missing != "" {
		return r.Missing
	}
	th, hasThread := r.thread()
	var b strings.Builder
	b.WriteString("| CPython starts | median start+join | fastest – slowest | × a thread | child began with the parent's value | parent saw the child's write |\n|---|---:|---:|---:|---|---|\n")
	for _, s := range r.Starts {
		name := "threading.Thread"
		if s.Kind == "process" {
			name = "Process, " + s.Method
			if s.Method == r.DefaultMethod {
				name += " (default)"
			}
		}
		ratio := "—"
		if hasThread && th.Median() > 0 && s.Kind == "process" {
			ratio = fmt.Sprintf("%.0f", float64(s.Median())/float64(th.Median()))
		}
		lo, hi := slices.Min(s.Samples), slices.Max(s.Samples)
		fmt.Fprintf(&b, "| %s | %v | %v – %v | %s | %s | %s |\n", name, bench.Round(s.Median()),
			bench.Round(seconds(lo)), bench.Round(seconds(hi)), ratio, yes(s.ChildSawParentValue), yes(s.ParentSawChildWrite))
	}
	return b.String()
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

func yes(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func flag(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// Figures are the CPython figures of notebook 01's claims (see package
// claims for their names); empty when CPython was not measured.
func (r Report) Figures() claims.Figures {
	f := claims.Figures{}
	if r.Missing != "" {
		return f
	}
	for _, s := range r.Starts {
		key := "cpython." + s.Method
		if s.Kind == "thread" {
			key = "cpython.thread"
		} else if !slices.Contains(claims.StartMethods, s.Method) {
			continue
		}
		f[key+".ms"] = bench.Ms(s.Median())
		f[key+".child_saw_parent"] = flag(s.ChildSawParentValue)
		f[key+".parent_saw_child"] = flag(s.ParentSawChildWrite)
	}
	if code := claims.StartMethodCode(r.DefaultMethod); code > 0 {
		f["cpython.default_method"] = code
	}
	if r.Threads.Idle != nil && r.Threads.WithOneThread != nil {
		f["cpython.threads.idle"] = float64(*r.Threads.Idle)
		f["cpython.threads.with_thread"] = float64(*r.Threads.WithOneThread)
	}
	if k := r.Kill; k != nil && k.ExitCode != nil {
		f["cpython.kill.dead"] = flag(!k.AliveAfter && *k.ExitCode < 0)
		f["cpython.kill.exitcode"] = float64(*k.ExitCode)
		f["cpython.kill.lock_left_held"] = flag(k.LockLeftHeld)
	}
	return f
}

// KillText says in a sentence what the CPython kill did.
func (r Report) KillText() string {
	if r.Missing != "" {
		return r.Missing
	}
	k := r.Kill
	if k == nil || k.ExitCode == nil {
		return "The CPython kill was not run."
	}
	s := fmt.Sprintf("under the %s start method, after `Process.kill()` the child holding the lock had exit code %d (minus the signal's number: SIGKILL is 9) and was alive: %s. ",
		k.Method, *k.ExitCode, yes(k.AliveAfter))
	if k.LockLeftHeld {
		return s + "The parent then could not take the `multiprocessing.Lock` the child held (it waited 0.5 s): the lock died held."
	}
	return s + "The parent then took the lock the child had held: it was released."
}

// GoStarts turns startcost's medians per start (from [startcost.PerStart])
// into the Go figures of the start-cost claims: "go.process.ms",
// "go.thread.ms" and "go.goroutine.ms".
func GoStarts(per map[string]time.Duration) claims.Figures {
	f := claims.Figures{}
	for kind, name := range map[startcost.Kind]string{startcost.Process: "go.process.ms", startcost.Thread: "go.thread.ms", startcost.Goroutine: "go.goroutine.ms"} {
		if d, ok := per[kind.String()]; ok {
			f[name] = bench.Ms(d)
		}
	}
	return f
}

// Merge returns one set of figures holding all of fs; a later name wins.
func Merge(fs ...claims.Figures) claims.Figures {
	out := claims.Figures{}
	for _, f := range fs {
		maps.Copy(out, f)
	}
	return out
}

// PythonSource returns one def of pstart.py, for the notebook to show.
func PythonSource(name string) (string, error) {
	src, err := cpython.Source(Program)
	if err != nil {
		return "", err
	}
	return source.Python(src, name)
}

// ThreadsText says what /proc counted in the python3 process.
func (r Report) ThreadsText() string {
	if r.Missing != "" {
		return r.Missing
	}
	if r.Threads.Idle == nil || r.Threads.WithOneThread == nil {
		return "This Python has no /proc to count its threads in."
	}
	return fmt.Sprintf("%s: /proc counted **%d** OS thread(s) in the running interpreter, **%d** while one threading.Thread was waiting.",
		r.Interpreter, *r.Threads.Idle, *r.Threads.WithOneThread)
}
