package waits

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/plots"
)

// Sweep runs [OnGoroutines] and then [OnThreads] for each count, all with
// the same wait, and returns the results in that order. Counts above
// [MaxThreads], and counts the kernel's limits have no room for as threads
// ([ErrNoRoom]), are run on goroutines only; [Verdict] says so.
func Sweep(ctx context.Context, counts []int, wait time.Duration) ([]Result, error) {
	if len(counts) == 0 {
		return nil, errors.New("waits: no counts to sweep")
	}
	// Every count is checked before the first run, so that a typo at the
	// end of the list does not cost the runs before it.
	for i, n := range counts {
		if err := check(ctx, n, MaxGoroutines, wait); err != nil {
			return nil, fmt.Errorf("%w (count %d of the sweep)", err, i+1)
		}
	}
	var results []Result
	for _, n := range counts {
		r, err := OnGoroutines(ctx, n, wait)
		if err != nil {
			return results, err
		}
		results = append(results, r)
		if n > MaxThreads {
			continue
		}
		if r, err = OnThreads(ctx, n, wait); errors.Is(err, ErrNoRoom) {
			continue
		} else if err != nil {
			return results, err
		}
		results = append(results, r)
	}
	return results, nil
}

// series groups results by How, in order of first appearance.
func series(results []Result, y func(Result) float64) ([]plots.Series, error) {
	if len(results) == 0 {
		return nil, errors.New("waits: nothing to plot")
	}
	var out []plots.Series
	index := map[string]int{}
	for _, r := range results {
		i, ok := index[r.How]
		if !ok {
			i = len(out)
			index[r.How] = i
			out = append(out, plots.Series{Name: r.How})
		}
		out[i].X = append(out[i].X, float64(r.N))
		out[i].Y = append(out[i].Y, y(r))
	}
	return out, nil
}

// PlotMemory draws the memory each waiter took (RSS growth / N, in KiB)
// against the number of waiters: flat lines, one price per waiter, far
// apart.
func PlotMemory(results []Result) ([]byte, error) {
	s, err := series(results, func(r Result) float64 { return r.PerWaiter() / 1024 })
	if err != nil {
		return nil, err
	}
	return plots.Lines("memory per waiter, while all wait at once",
		plots.Axis{Label: "waiters", Log: true}, plots.Axis{Label: "RSS growth per waiter", Unit: "KiB"}, s)
}

// PlotTime draws what starting and waking the waiters cost (Start + Wake,
// the time beyond the wait itself) against their number, both axes
// logarithmic.
func PlotTime(results []Result) ([]byte, error) {
	s, err := series(results, func(r Result) float64 { return float64(r.Overhead()) / float64(time.Millisecond) })
	if err != nil {
		return nil, err
	}
	return plots.Lines("time to start and wake every waiter (beyond the wait)",
		plots.Axis{Label: "waiters", Log: true}, plots.Axis{Label: "start + wake", Unit: "ms", Log: true}, s)
}

// Largest returns the goroutine and thread results for the largest count
// measured both ways; ok is false when there is none.
func Largest(results []Result) (g, t Result, ok bool) {
	byN := map[int]map[string]Result{}
	for _, r := range results {
		if byN[r.N] == nil {
			byN[r.N] = map[string]Result{}
		}
		byN[r.N][r.How] = r
	}
	for n, m := range byN {
		rg, okG := m[Goroutines]
		rt, okT := m[Threads]
		if okG && okT && (!ok || n > g.N) {
			g, t, ok = rg, rt, true
		}
	}
	return g, t, ok
}

// Agrees reports whether the goroutine and thread runs of one count show
// what the course claims: each waiting thread cost an OS thread and more
// memory than a waiting goroutine, the goroutines added (almost) no
// threads, and threads took longer to start and wake.
func Agrees(g, t Result) bool {
	return g.N == t.N && g.N > 0 && t.Threads >= t.N*9/10 && g.Threads < max(g.N/10, 8) &&
		t.PerWaiter() > g.PerWaiter() && t.Overhead() > g.Overhead()
}

// Verdict compares goroutines and threads at the largest count measured
// both ways, with the figures.
func Verdict(results []Result) string {
	g, t, ok := Largest(results)
	if !ok {
		return "**This machine:** no count was measured both on goroutines and on OS threads."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**This machine:** %d goroutines waiting together added %s to the process (%s each) and %d OS threads; starting and waking them took %v. ",
		g.N, bytes(float64(g.RSS)), bytes(g.PerWaiter()), g.Threads, bench.Round(g.Overhead()))
	fmt.Fprintf(&b, "%d waiters on OS threads added %d threads and %s (%s each", t.N, t.Threads, bytes(float64(t.RSS)), bytes(t.PerWaiter()))
	if g.PerWaiter() > 0 {
		fmt.Fprintf(&b, ", %.1f× a goroutine", t.PerWaiter()/g.PerWaiter())
	}
	fmt.Fprintf(&b, "), and starting and waking them took %v", bench.Round(t.Overhead()))
	if g.Overhead() > 0 {
		fmt.Fprintf(&b, " (%.0f× as long)", float64(t.Overhead())/float64(g.Overhead()))
	}
	b.WriteString(". ")
	if Agrees(g, t) {
		b.WriteString("So a goroutine waiting on a timer (as here), a channel or the network holds no OS thread and costs a fraction of one; " +
			"one blocked in a system call, such as a read of a regular file, does hold its thread until the call returns.")
	} else {
		b.WriteString("That is not a thread per waiter, dearer than a goroutine, as a locked OS thread is built to be: rerun the cell before drawing a conclusion.")
	}
	most := 0
	for _, r := range results {
		most = max(most, r.N)
	}
	if most > t.N {
		fmt.Fprintf(&b, " (%d waiters ran on goroutines only: this machine's limits, or the course's, leave no room for that many OS threads.)", most)
	}
	return b.String()
}

// bytes writes a size in KiB or MiB with three significant digits.
func bytes(n float64) string {
	switch {
	case n >= 1<<20 || n <= -(1<<20):
		return fmt.Sprintf("%.3g MiB", n/(1<<20))
	default:
		return fmt.Sprintf("%.3g KiB", n/(1<<10))
	}
}
