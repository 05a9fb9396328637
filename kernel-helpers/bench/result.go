package bench

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"concurrencylab/kernel-helpers/contention"
)

// Result is one measurement: the same work timed several times under one
// strategy. It is the record every part of the course shares: Go runners,
// the CPython programs, the plots and the results history all speak it.
//
// The zero value is an empty measurement with no samples; its statistics are 0.
type Result struct {
	// Name says what was measured, e.g. "sumsqrt" or "fetch".
	Name string `json:"name"`
	// Strategy says how it ran: one of the Name constants (see
	// [NameSequential]), e.g. "goroutines", "process pool", "GIL threads".
	Strategy string `json:"strategy"`
	// Workers is how many goroutines, threads or processes ran the work (0 if not applicable).
	Workers int `json:"workers,omitempty"`
	// Params holds the sizes and settings the work ran with, e.g. {"n": "2000000"}.
	Params map[string]string `json:"params,omitempty"`
	// Samples are the wall-clock durations of the timed repetitions, in run order.
	Samples []time.Duration `json:"samples"`
	// Contention is what else ran on the machine while [Run] measured
	// (nil when the result was not made by Run, or comes from an older
	// history): a speedup from a shared machine says little.
	Contention *contention.Sample `json:"contention,omitempty"`
}

// Min returns the fastest sample, or 0 when there are none.
func (r Result) Min() time.Duration {
	if len(r.Samples) == 0 {
		return 0
	}
	return slices.Min(r.Samples)
}

// Max returns the slowest sample, or 0 when there are none.
func (r Result) Max() time.Duration {
	if len(r.Samples) == 0 {
		return 0
	}
	return slices.Max(r.Samples)
}

// Median returns the middle sample (the mean of the two middle ones for an
// even count), or 0 when there are none. The median, not the mean, is the
// course's headline figure: one run slowed by another program on the machine
// moves it little.
func (r Result) Median() time.Duration { return Median(r.Samples) }

// Ms is d in milliseconds, as a float: the unit the course's tables, plots
// and claims' figures use. One home for it, instead of a copy per package.
func Ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// Median returns the middle value of values (the mean of the two middle
// ones for an even count), or 0 when there are none: the course's one
// median, for durations, counts and ratios alike. values may be in any
// order and is not changed.
func Median[T ~int | ~int64 | ~float64](values []T) T {
	n := len(values)
	if n == 0 {
		return 0
	}
	s := slices.Clone(values)
	slices.Sort(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// Mean returns the average sample, or 0 when there are none. Prefer
// [Result.Median] for reporting: one slow run drags the mean along.
func (r Result) Mean() time.Duration {
	if len(r.Samples) == 0 {
		return 0
	}
	var sum time.Duration
	for _, s := range r.Samples {
		sum += s
	}
	return sum / time.Duration(len(r.Samples))
}

// Spread returns Max - Min, how far apart the fastest and slowest runs
// were, or 0 when there are no samples. A spread that is large next to the
// median says the machine was busy with something else.
func (r Result) Spread() time.Duration {
	return r.Max() - r.Min()
}

// String returns a one-line summary such as
//
//	sumsqrt/goroutines workers=4 n=2000000: median 12.3ms (min 11.9ms, max 13ms, 5 runs)
//
// with the parameters in name order and durations to about three digits.
func (r Result) String() string {
	var b strings.Builder
	b.WriteString(r.label())
	if r.Workers != 0 {
		fmt.Fprintf(&b, " workers=%d", r.Workers)
	}
	for _, k := range slices.Sorted(maps.Keys(r.Params)) {
		fmt.Fprintf(&b, " %s=%s", k, r.Params[k])
	}
	if len(r.Samples) == 0 {
		b.WriteString(": no samples")
		return b.String()
	}
	fmt.Fprintf(&b, ": median %v (min %v, max %v, %d %s)",
		Round(r.Median()), Round(r.Min()), Round(r.Max()), len(r.Samples), plural(len(r.Samples), "run", "runs"))
	return b.String()
}

// label names the result as "name/strategy", leaving out the empty parts.
func (r Result) label() string {
	switch {
	case r.Name == "" && r.Strategy == "":
		return "(unnamed)"
	case r.Strategy == "":
		return r.Name
	case r.Name == "":
		return r.Strategy
	}
	return r.Name + "/" + r.Strategy
}

// Speedup returns how many times faster r ran than base: base's median
// divided by r's. Above 1 r is faster, below 1 slower.
//
// It returns 0 when either median is 0 (no samples, or work too short to
// measure), since no ratio can be formed; a real speedup is never 0, so
// callers can test for it.
func Speedup(base, r Result) float64 {
	b, m := base.Median(), r.Median()
	if b <= 0 || m <= 0 {
		return 0
	}
	return float64(b) / float64(m)
}

// Round rounds d to three significant digits (4.39µs, 29.7ms, 1.23s), which
// is all the precision a timing on a shared machine has: the course writes
// every measured duration in a sentence this way.
func Round(d time.Duration) time.Duration {
	unit := time.Duration(1)
	// The bound on unit keeps 1000*unit from overflowing for absurd d.
	for unit < 1e15 && (d >= 1000*unit || d <= -1000*unit) {
		unit *= 10
	}
	return d.Round(unit)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
