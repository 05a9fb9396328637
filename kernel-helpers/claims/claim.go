package claims

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

// The five tutorials, by the file names they have in the course's seeds.
const (
	Seed000 = "000_0f4e085f5752bd81.txt" // Python multithreading vs multiprocessing: 1/2/4 processes
	Seed001 = "001_c15645a1bbb281df.txt" // processes, threads, the GIL, a 16-CPU demonstration
	Seed002 = "002_2ff5e475e918edc0.txt" // multiprocessing vs threading, a Q&A summary
	Seed003 = "003_6ee1f8e99a025b36.txt" // understanding multithreading and multiprocessing
	Seed004 = "004_173952520d118946.txt" // notes on multiprocessing and multithreading
)

// Seeds lists the tutorials in order.
var Seeds = []string{Seed000, Seed001, Seed002, Seed003, Seed004}

// Outcome is a verdict's answer to a claim.
type Outcome int

const (
	// Unmeasured means the figures the claim needs are not there: nothing
	// is judged.
	Unmeasured Outcome = iota
	// Agrees means this machine's figures bear the claim out.
	Agrees
	// Disagrees means this machine's figures contradict the claim.
	Disagrees
	// DependsOn means the claim holds under a condition the tutorial did
	// not state (its machine had it, this one may not): [Verdict.Condition]
	// names it.
	DependsOn
)

func (o Outcome) String() string {
	switch o {
	case Agrees:
		return "agrees"
	case Disagrees:
		return "disagrees"
	case DependsOn:
		return "depends on"
	}
	return "not measured"
}

// Figures are this machine's measurements a verdict is computed from, by
// name: "cores" (GOMAXPROCS of the run), "cpython.speedup", "go.ms" and so
// on. Names with the prefix "cpython." come from real CPython, "go." from
// Go; each claim documents the names its judge reads. A yes/no fact is 1
// or 0.
type Figures map[string]float64

// Has reports whether every name is present and a number (not NaN).
func (f Figures) Has(names ...string) bool {
	for _, n := range names {
		v, ok := f[n]
		if !ok || math.IsNaN(v) {
			return false
		}
	}
	return true
}

// String lists the figures sorted by name, "name=value" separated by
// commas, for error messages and the plain-text rendition.
func (f Figures) String() string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(f)) {
		parts = append(parts, fmt.Sprintf("%s=%g", k, f[k]))
	}
	return strings.Join(parts, ", ")
}

// finite returns f without the figures that are not finite numbers (NaN,
// ±Inf): [Figures.Has] already treats NaN as missing, and JSON cannot hold
// either. nil stays nil.
func (f Figures) finite() Figures {
	if f == nil {
		return nil
	}
	out := make(Figures, len(f))
	for k, v := range f {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			out[k] = v
		}
	}
	return out
}

// Verdict is a judge's answer, with this machine's figures as the ledger
// shows them.
type Verdict struct {
	Outcome Outcome
	// Condition names what the claim depends on, for [DependsOn]: "the
	// number of cores", "the start method".
	Condition string
	// CPython and Go are this machine's figures for the claim, short, as
	// the ledger's columns show them ("2 processes 1.9×"); "" when the
	// experiment has no such side, "not measured" when it was not run.
	CPython, Go string
	// Text says what the tutorial claimed and what this machine showed, in
	// one or two sentences.
	Text string
}

// Claim is one checkable statement of a tutorial.
type Claim struct {
	// ID is unique and stable: the tutorial's number and a short name,
	// such as "001-16-cpus".
	ID string
	// Seed is the tutorial's file, one of [Seeds].
	Seed string
	// Quote is the tutorial's words, at most about 25 of them.
	Quote string
	// Theirs is the tutorial's own figure and machine, "" when it gave none.
	Theirs string
	// Notebook is the course notebook that measures it, such as
	// "04-threads-vs-processes".
	Notebook string
	// Experiment says what this course runs to check it.
	Experiment string
	// Judge computes the verdict from this machine's figures. It must be
	// pure, and return [Unmeasured] when a figure it needs is missing.
	Judge func(Figures) Verdict
	// Facts is true for a claim judged on counts or facts (a start method
	// exists, a thread count, updates lost), which a busy machine does not
	// change; [Show] adds the machine's figures only to the others, whose
	// timings a busy machine does change.
	Facts bool
	// Uses names another claim whose recorded figures this one is judged
	// from, when one experiment answers both (the ledger shows it; a
	// notebook shows the other claim). "" means its own.
	Uses string
}

// FiguresIn returns the figures the claim is judged from among those
// recorded: its own, or those of the claim it [Claim.Uses].
func (c Claim) FiguresIn(recorded map[string]Figures) Figures {
	if c.Uses != "" {
		return recorded[c.Uses]
	}
	return recorded[c.ID]
}

// Check judges the claim on f. A judge that panics, or a claim without one,
// gives an [Unmeasured] verdict that says so, never a panic in the cell; so
// do figures measured on a shared machine ([FigureShared], see
// [Measured]), with the figure.
func (c Claim) Check(f Figures) (v Verdict) {
	if c.Judge == nil {
		return Verdict{Text: fmt.Sprintf("claim %s has no judge", c.ID)}
	}
	defer func() {
		if r := recover(); r != nil {
			v = Verdict{Text: fmt.Sprintf("claim %s: the judge failed on %v: %v", c.ID, f, r)}
		}
	}()
	return onSharedMachine(f, c.Judge(f))
}

// Tutorial is the short attribution for the claim's seed: "tutorial 001".
func (c Claim) Tutorial() string {
	num, _, _ := strings.Cut(c.Seed, "_")
	return "tutorial " + num
}

// all holds every claim; each notebook's file adds its own in an init.
var all []Claim

func register(cs ...Claim) { all = append(all, cs...) }

// All returns every claim, sorted by notebook, then by ID.
func All() []Claim {
	out := slices.Clone(all)
	slices.SortFunc(out, func(a, b Claim) int {
		return cmp.Or(cmp.Compare(a.Notebook, b.Notebook), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// ByNotebook returns the claims measured in the notebook, named as in
// [Claim.Notebook] or by its file name ("04-threads-vs-processes.ipynb").
func ByNotebook(notebook string) []Claim {
	notebook = strings.TrimSuffix(notebook, ".ipynb")
	var out []Claim
	for _, c := range All() {
		if c.Notebook == notebook {
			out = append(out, c)
		}
	}
	return out
}

// Get returns the claim with the ID.
func Get(id string) (Claim, error) {
	for _, c := range all {
		if c.ID == id {
			return c, nil
		}
	}
	return Claim{}, fmt.Errorf("claims: no claim %q", id)
}

// Check judges the claim with the ID on f.
func Check(id string, f Figures) (Verdict, error) {
	c, err := Get(id)
	if err != nil {
		return Verdict{}, err
	}
	return c.Check(f), nil
}
