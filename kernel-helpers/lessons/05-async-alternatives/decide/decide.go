package decide

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"concurrencylab/kernel-helpers/bench"
)

// Unit says how a figure is written.
type Unit int

const (
	Duration Unit = iota // nanoseconds, written like 1.5ms
	Bytes                // written in B, KiB or MiB
	Count                // a whole number
)

// Figure is one measured value with what it measures.
type Figure struct {
	Label string
	Value float64
	Unit  Unit
}

func (f Figure) String() string { return format(f.Value, f.Unit) }

// Entry is one row of the table: what to use, when, and the figures.
type Entry struct {
	Use, When string
	// Metric names the figure Pick compared; empty for a Fact.
	Metric  string
	Figures []Figure
	// ratio is set by Pick: how many times worse the runner-up was.
	ratio float64
	// unconfirmed is set by [Entry.Confirmed] when this run did not show
	// what the row claims.
	unconfirmed bool
}

// Confirmed returns e marked with whether this run showed what it claims
// (a timeout that fired on time, a limit that held). A row that was not
// confirmed says so in its "use" cell instead of passing for a finding.
func (e Entry) Confirmed(ok bool) Entry {
	e.unconfirmed = !ok
	return e
}

// Header is the header row for [Rows].
var Header = []string{"use", "when", "measured on this machine"}

// Pick compares candidates on one figure, lower being better (a time, a
// size), and returns the entry that recommends the best of them. Each
// Figure's Label names a candidate, e.g. "goroutines"; the first of equal
// values wins.
func Pick(when, metric string, candidates ...Figure) Entry {
	e := Entry{When: when, Metric: metric, Figures: candidates}
	best, runnerUp := -1, -1
	for i, c := range candidates {
		switch {
		case best < 0 || c.Value < candidates[best].Value:
			best, runnerUp = i, best
		case runnerUp < 0 || c.Value < candidates[runnerUp].Value:
			runnerUp = i
		}
	}
	if best >= 0 {
		e.Use = candidates[best].Label
		if runnerUp >= 0 && candidates[best].Value > 0 {
			e.ratio = candidates[runnerUp].Value / candidates[best].Value
		}
	}
	return e
}

// Fact recommends use when the situation arises, backed by figures.
func Fact(use, when string, figures ...Figure) Entry {
	return Entry{Use: use, When: when, Figures: figures}
}

// Evidence returns the figures as one sentence, e.g.
// "memory per waiter: goroutines 2.5 KiB, OS threads 17 KiB (next best: 6.8× as much)".
func (e Entry) Evidence() string {
	parts := make([]string, len(e.Figures))
	for i, f := range e.Figures {
		parts[i] = f.Label + " " + f.String()
	}
	s := strings.Join(parts, ", ")
	if e.Metric != "" {
		s = e.Metric + ": " + s
		if e.ratio > 0 {
			s += fmt.Sprintf(" (next best: %.3g× as much)", e.ratio)
		}
	}
	return s
}

func (e Entry) validate() error {
	switch {
	case strings.TrimSpace(e.Use) == "":
		return errors.New("no recommendation (a Pick with no candidates, or a Fact with no tool)")
	case strings.TrimSpace(e.When) == "":
		return fmt.Errorf("%q: no situation", e.Use)
	case len(e.Figures) == 0:
		return fmt.Errorf("%q: no figures: the table states only measured ones", e.Use)
	}
	for _, f := range e.Figures {
		switch {
		case f.Label == "":
			return fmt.Errorf("%q: a figure without a label", e.Use)
		case math.IsNaN(f.Value) || math.IsInf(f.Value, 0):
			return fmt.Errorf("%q: figure %q is %v", e.Use, f.Label, f.Value)
		case f.Value < 0 && f.Unit != Bytes: // memory can shrink; time and counts cannot be negative
			return fmt.Errorf("%q: figure %q is negative (%v)", e.Use, f.Label, f.Value)
		}
	}
	return nil
}

// Rows checks every entry and returns the table's rows: use, when, and the
// evidence. Any bad entry is an error naming it, and no rows are returned.
func Rows(entries []Entry) ([][]string, error) {
	if len(entries) == 0 {
		return nil, errors.New("decide: no entries")
	}
	rows := make([][]string, len(entries))
	for i, e := range entries {
		if err := e.validate(); err != nil {
			return nil, fmt.Errorf("decide: entry %d: %w", i+1, err)
		}
		use := e.Use
		if e.unconfirmed {
			use += " (not confirmed by this run)"
		}
		rows[i] = []string{use, e.When, e.Evidence()}
	}
	return rows, nil
}

// Dur, Size and N make figures of each unit.
func Dur(label string, d time.Duration) Figure { return Figure{label, float64(d), Duration} }
func Size(label string, bytes float64) Figure  { return Figure{label, bytes, Bytes} }
func N(label string, n int64) Figure           { return Figure{label, float64(n), Count} }

func format(v float64, u Unit) string {
	switch u {
	case Duration:
		// float64(MaxInt64) rounds up to 2⁶³, which time.Duration cannot
		// hold: converting it gives the most negative duration.
		d := time.Duration(math.MaxInt64)
		if v < float64(math.MaxInt64) {
			d = time.Duration(v)
		}
		return bench.Round(d).String()
	case Bytes:
		switch a := math.Abs(v); {
		case a >= 1<<20:
			return fmt.Sprintf("%.3g MiB", v/(1<<20))
		case a >= 1<<10:
			return fmt.Sprintf("%.3g KiB", v/(1<<10))
		default:
			return fmt.Sprintf("%.0f B", v)
		}
	default:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
}
