package datarace

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/workloads/counter"
)

// FixCosts times the counter under every strategy, the unsafe one first as
// the baseline, each with goroutines goroutines making increments
// increments each, reps times after a warm-up. Each [bench.Result] is named
// "counter", has the strategy's name and the goroutine count as Workers,
// and the increments per goroutine in Params["increments"].
//
// It returns soon after ctx ends (the counter looks at it every few
// thousand increments), with an error that wraps ctx.Err().
func FixCosts(ctx context.Context, goroutines, increments, reps int) ([]bench.Result, error) {
	if ctx == nil {
		return nil, errNilContext
	}
	if goroutines < 1 || increments < 1 {
		return nil, fmt.Errorf("datarace: need at least one goroutine and one increment, got %d and %d", goroutines, increments)
	}
	var out []bench.Result
	for _, s := range counter.Strategies() {
		opts := bench.Options{Name: "counter", Strategy: s.String(), Workers: goroutines, Reps: reps,
			Params: map[string]string{"increments": strconv.Itoa(increments)}}
		r, err := bench.Run(ctx, opts, func() error {
			_, err := counter.Count(ctx, s, goroutines, increments)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("datarace: timing %v: %w", s, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// PerIncrement returns a duration of r divided by the number of increments
// it made (Workers × Params["increments"]), in nanoseconds.
func PerIncrement(r bench.Result, d time.Duration) (float64, error) {
	inc, err := strconv.Atoi(r.Params["increments"])
	if err != nil || inc < 1 || r.Workers < 1 {
		return 0, fmt.Errorf("datarace: result %q has no increment count", r.Strategy)
	}
	return float64(d.Nanoseconds()) / float64(r.Workers*inc), nil
}

// CostTable shows results of [FixCosts] as a Markdown table: the time per
// increment (median, fastest, slowest run) and how many times the unsafe
// counter's median each strategy's is. The unsafe counter is the first
// result whose strategy is "unsafe"; without one the last column is left out.
func CostTable(results []bench.Result) (string, error) {
	if len(results) == 0 {
		return "", errors.New("datarace: no results")
	}
	var base float64
	for _, r := range results {
		if r.Strategy == counter.Unsafe.String() {
			base, _ = PerIncrement(r, r.Median())
			break
		}
	}
	var b strings.Builder
	b.WriteString("| strategy | ns per increment (median) | fastest – slowest run |")
	if base > 0 {
		b.WriteString(" × unsafe |")
	}
	b.WriteString("\n|---|---:|---:|")
	if base > 0 {
		b.WriteString("---:|")
	}
	b.WriteString("\n")
	for _, r := range results {
		med, err := PerIncrement(r, r.Median())
		if err != nil {
			return "", err
		}
		lo, _ := PerIncrement(r, r.Min())
		hi, _ := PerIncrement(r, r.Max())
		fmt.Fprintf(&b, "| %s | %.1f | %.1f – %.1f |", r.Strategy, med, lo, hi)
		if base > 0 {
			fmt.Fprintf(&b, " %.1f |", med/base)
		}
		b.WriteString("\n")
	}
	return b.String(), nil
}

// CostSummary gives the median time per increment of each fix in
// results, cheapest first, and the unsafe counter's for comparison: plain
// figures, no verdict (the tutorials make no claim about these costs).
func CostSummary(results []bench.Result) (string, error) {
	type cost struct {
		name string
		ns   float64
	}
	var fixes []cost
	unsafe := -1.0
	for _, r := range results {
		ns, err := PerIncrement(r, r.Median())
		if err != nil {
			return "", err
		}
		if r.Strategy == counter.Unsafe.String() {
			unsafe = ns
			continue
		}
		fixes = append(fixes, cost{r.Strategy, ns})
	}
	if len(fixes) == 0 {
		return "", errors.New("datarace: no fix among the results")
	}
	slices.SortStableFunc(fixes, func(a, b cost) int { return cmp.Compare(a.ns, b.ns) })
	parts := make([]string, len(fixes))
	for i, f := range fixes {
		parts[i] = fmt.Sprintf("%s %.1f ns", f.name, f.ns)
	}
	s := "Median time per increment, cheapest first: " + strings.Join(parts, ", ") + "."
	if unsafe >= 0 {
		s += fmt.Sprintf(" The unsafe counter, which gives wrong totals: %.1f ns.", unsafe)
	}
	return s, nil
}
