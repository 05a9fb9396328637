package heartbeat

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/plots"
)

// Plot draws each result's ticks as a line: when each tick was due (x) and
// how late it ran (y). A cooperative scheduler shows one tall spike, the
// hog's length, then a slope back down as the overdue ticks catch up; a
// preemptive one stays near the floor.
func Plot(results ...Result) ([]byte, error) {
	if len(results) == 0 {
		return nil, errors.New("heartbeat: nothing to plot")
	}
	var series []plots.Series
	for _, r := range results {
		if len(r.Ticks) == 0 {
			return nil, fmt.Errorf("heartbeat: %s has no ticks to plot", r.Scheduler)
		}
		s := plots.Series{Name: r.Scheduler}
		for _, t := range r.Ticks {
			s.X = append(s.X, ms(t.Due))
			s.Y = append(s.Y, ms(t.Late()))
		}
		series = append(series, s)
	}
	o := results[0].Options
	title := fmt.Sprintf("heartbeat every %v, hog of %v", o.Interval, bench.Round(results[0].Hog()))
	return plots.Lines(title, plots.Axis{Label: "tick due at", Unit: "ms"}, plots.Axis{Label: "lateness", Unit: "ms"}, series)
}

// Verdict says, with the figures, whether this machine agrees that the
// cooperative loop stopped the heartbeat for the whole hog while Go's
// scheduler kept it going: no tick during the hog on the loop, at least one
// on goroutines, and a worst lateness on goroutines under half the loop's.
func Verdict(loop, goroutines Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**This machine:** on the %s the hog ran for %v and %s ran meanwhile; the worst tick came %v late. ",
		loop.Scheduler, bench.Round(loop.Hog()), ticks(loop.During()), bench.Round(loop.Worst()))
	fmt.Fprintf(&b, "On %s the hog ran for %v, %s ran meanwhile, and the worst came %v late. ",
		goroutines.Scheduler, bench.Round(goroutines.Hog()), ticks(goroutines.During()), bench.Round(goroutines.Worst()))
	if loop.During() == 0 && goroutines.During() > 0 && 2*goroutines.Worst() < loop.Worst() {
		b.WriteString("That agrees with the course: the hog starved the event loop, while Go's runtime interrupted it.")
	} else {
		b.WriteString("That does not show the difference the course describes: rerun the cell, or make the hog longer.")
	}
	return b.String()
}

func ticks(n int) string {
	if n == 1 {
		return "1 tick"
	}
	return fmt.Sprintf("%d ticks", n)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
