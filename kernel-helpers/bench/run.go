package bench

import (
	"context"
	"fmt"
	"maps"
	"time"

	"concurrencylab/kernel-helpers/contention"
)

// DefaultReps is the number of timed repetitions [Run] makes when
// [Options].Reps is 0: enough for a median that one disturbed run cannot
// move, few enough that a notebook cell stays quick.
const DefaultReps = 5

// MaxReps bounds Options.Reps and Options.Warmup. A measurement's samples
// are kept in memory, plotted and written to the results history, and a
// course measurement needs tens of them, not millions: a typo such as 1e12
// gets an error before anything runs, instead of a program that allocates
// until the machine runs out of memory.
const MaxReps = 100_000

// NoWarmup, as [Options].Warmup, makes [Run] skip the warm-up call.
const NoWarmup = -1

// Options says what [Run] measures and how often. The zero value times the
// work [DefaultReps] times after one warm-up call, under an empty name.
type Options struct {
	// Name, Strategy, Workers and Params are copied into the [Result].
	Name     string
	Strategy string
	Workers  int
	Params   map[string]string

	// Reps is the number of timed calls; 0 means [DefaultReps]. Negative
	// is an error.
	Reps int
	// Warmup is the number of untimed calls made first, so that the timed
	// ones do not pay for first-run costs (page faults, cold caches, the
	// runtime growing its heap or starting threads). 0 means one; a
	// negative value such as [NoWarmup] means none.
	Warmup int
}

// Run calls f for the warm-up, then times Reps more calls of f one after
// the other and returns them as a [Result]'s samples.
//
// It stops at the first error: the one f returned (naming the call that
// failed), or ctx's once it is done, checked before every call. The Result
// then holds the samples taken so far. A call already running is not
// interrupted; pass ctx into f as well if it is long.
//
// The Result's Contention says what else ran on the machine during the
// timed calls ([contention.Start] before the first, [contention.Watch.Stop]
// after the last; a few milliseconds each, outside the timed calls).
func Run(ctx context.Context, opts Options, f func() error) (r Result, err error) {
	r = Result{
		Name:     opts.Name,
		Strategy: opts.Strategy,
		Workers:  opts.Workers,
		// A copy, so that a caller reusing its map for the next
		// measurement does not rewrite this one.
		Params: maps.Clone(opts.Params),
	}
	switch {
	case ctx == nil:
		return r, fmt.Errorf("bench %s: Run needs a context, got nil", r.label())
	case f == nil:
		return r, fmt.Errorf("bench %s: Run needs a function to time, got nil", r.label())
	case opts.Reps < 0:
		return r, fmt.Errorf("bench %s: Reps must be 0 (for the default of %d) or more, got %d", r.label(), DefaultReps, opts.Reps)
	case opts.Reps > MaxReps:
		return r, fmt.Errorf("bench %s: Reps must be at most %d (every sample is kept and plotted), got %d", r.label(), MaxReps, opts.Reps)
	case opts.Warmup > MaxReps:
		return r, fmt.Errorf("bench %s: Warmup must be at most %d, got %d", r.label(), MaxReps, opts.Warmup)
	}
	reps := opts.Reps
	if reps == 0 {
		reps = DefaultReps
	}
	warmup := opts.Warmup
	if warmup == 0 {
		warmup = 1
	}

	for i := range max(warmup, 0) {
		if err := ctx.Err(); err != nil {
			return r, fmt.Errorf("bench %s: stopped before warm-up %d of %d: %w", r.label(), i+1, warmup, err)
		}
		if err := f(); err != nil {
			return r, fmt.Errorf("bench %s: warm-up %d of %d: %w", r.label(), i+1, warmup, err)
		}
	}
	watch := contention.Start() // what else runs: kept in r.Contention
	defer func() { s := watch.Stop(); r.Contention = &s }()
	// Grown as samples come, so that a run cut short by its context holds
	// only what it measured.
	r.Samples = make([]time.Duration, 0, min(reps, 64))
	for i := range reps {
		if err := ctx.Err(); err != nil {
			return r, fmt.Errorf("bench %s: stopped before repetition %d of %d: %w", r.label(), i+1, reps, err)
		}
		start := time.Now()
		err := f()
		elapsed := time.Since(start)
		if err != nil {
			return r, fmt.Errorf("bench %s: repetition %d of %d: %w", r.label(), i+1, reps, err)
		}
		r.Samples = append(r.Samples, elapsed)
	}
	return r, nil
}
