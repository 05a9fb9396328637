package footprint

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"concurrencylab/kernel-helpers/memory"
	"concurrencylab/kernel-helpers/plots"
)

// The kinds of worker, as Point.Kind names them.
const (
	Goroutine = "goroutine"
	Thread    = "OS thread"
	Process   = "process"
)

// Point is the memory per worker measured with N workers of one kind.
type Point struct {
	Kind  string
	N     int
	Bytes float64 // private memory per worker: what one more costs
	// RSS is a process's resident set size, which also counts the program's
	// code that every copy shares; 0 for goroutines and threads.
	RSS float64
}

// Counts says how many workers of each kind to measure with; an empty list
// skips that kind.
type Counts struct {
	Goroutines, Threads, Processes []int
}

// Sweep measures each kind at each of its counts, goroutines first, then
// threads, then processes. The limits of package memory apply
// (memory.MaxGoroutines, memory.MaxThreads, memory.MaxProcesses).
func Sweep(ctx context.Context, c Counts) ([]Point, error) {
	if ctx == nil {
		return nil, errors.New("footprint: nil context")
	}
	if len(c.Goroutines)+len(c.Threads)+len(c.Processes) == 0 {
		return nil, errors.New("footprint: no counts to measure")
	}
	var points []Point
	measure := func(kind string, counts []int, per func(int) (float64, error)) error {
		for _, n := range counts {
			b, err := per(n)
			if err != nil {
				return fmt.Errorf("footprint: %d %ss: %w", n, kind, err)
			}
			points = append(points, Point{Kind: kind, N: n, Bytes: b})
		}
		return nil
	}
	if err := measure(Goroutine, c.Goroutines, memory.PerGoroutine); err != nil {
		return points, err
	}
	if err := measure(Thread, c.Threads, memory.PrivatePerThread); err != nil {
		return points, err
	}
	for _, n := range c.Processes {
		r, err := memory.PrivatePerProcess(ctx, n)
		if err != nil {
			return points, fmt.Errorf("footprint: %d %ss: %w", n, Process, err)
		}
		points = append(points, Point{Kind: Process, N: n, Bytes: float64(r.USS), RSS: float64(r.RSS)})
	}
	return points, nil
}

// Plot draws the memory per worker against the number of workers, one line
// per kind, both axes logarithmic: three roughly flat lines, far apart.
func Plot(points []Point) ([]byte, error) {
	if len(points) == 0 {
		return nil, errors.New("footprint: nothing to plot")
	}
	var series []plots.Series
	for _, kind := range kinds(points) {
		s := plots.Series{Name: kind}
		for _, p := range points {
			if p.Kind == kind {
				if !(p.Bytes > 0) || math.IsInf(p.Bytes, 0) { // also NaN
					return nil, fmt.Errorf("footprint: %d %ss measured %v bytes each, which a log axis cannot show", p.N, kind, p.Bytes)
				}
				s.X = append(s.X, float64(p.N))
				s.Y = append(s.Y, p.Bytes/1024)
			}
		}
		series = append(series, s)
	}
	return plots.Lines("private memory per idle worker", plots.Axis{Label: "workers", Log: true},
		plots.Axis{Label: "private memory per worker", Unit: "KiB", Log: true}, series)
}

func kinds(points []Point) []string {
	var out []string
	for _, p := range points {
		if !slices.Contains(out, p.Kind) {
			out = append(out, p.Kind)
		}
	}
	return out
}

// Largest returns, for each kind, the point with the most workers: the
// steadiest figure, since fixed costs are spread over the most workers.
func Largest(points []Point) map[string]Point {
	out := map[string]Point{}
	for _, p := range points {
		if q, ok := out[p.Kind]; !ok || p.N > q.N {
			out[p.Kind] = p
		}
	}
	return out
}

// Verdict gives each kind's private memory per worker at its largest
// count, and how many goroutines that buys, with the figures, and a
// process's RSS beside its private memory. It checks the order goroutine <
// thread < process and says when it did not hold.
func Verdict(points []Point) string {
	largest := Largest(points)
	g, ok := largest[Goroutine]
	if !ok || g.Bytes <= 0 {
		return "**This machine:** no goroutine was measured, so there is nothing to compare with."
	}
	parts := []string{fmt.Sprintf("a goroutine took %s (measured with %d)", size(g.Bytes), g.N)}
	ordered := true
	prev := g.Bytes
	for _, kind := range []string{Thread, Process} {
		p, ok := largest[kind]
		if !ok {
			continue
		}
		name := map[string]string{Thread: "an OS thread", Process: "an idle worker process"}[kind]
		part := fmt.Sprintf("%s took %s (with %d), as much as %.0f goroutines", name, size(p.Bytes), p.N, p.Bytes/g.Bytes)
		if p.RSS > 0 {
			part += fmt.Sprintf(" (its RSS, %s, also counts the program's code, which every worker shares)", size(p.RSS))
		}
		parts = append(parts, part)
		ordered = ordered && p.Bytes > prev
		prev = p.Bytes
	}
	s := "**This machine**, private memory per idle worker: " + strings.Join(parts, "; ") + ". "
	if ordered && len(parts) > 1 {
		return s + "A goroutine is the cheapest, a thread dearer, a process dearest."
	}
	return s + "That is not the order goroutine < thread < process: one of the measurements was disturbed (the thread figure is the noisiest); rerun the cell."
}

func size(b float64) string {
	switch {
	case b >= 1<<20:
		return fmt.Sprintf("%.3g MiB", b/(1<<20))
	default:
		return fmt.Sprintf("%.3g KiB", b/(1<<10))
	}
}
