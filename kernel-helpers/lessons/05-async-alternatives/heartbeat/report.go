package heartbeat

import (
	"errors"
	"fmt"
	"strings"

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
			s.X = append(s.X, bench.Ms(t.Due))
			s.Y = append(s.Y, bench.Ms(t.Late()))
		}
		series = append(series, s)
	}
	o := results[0].Options
	title := fmt.Sprintf("heartbeat every %v, hog of %v", o.Interval, bench.Round(results[0].Hog()))
	return plots.Lines(title, plots.Axis{Label: "tick due at", Unit: "ms"}, plots.Axis{Label: "lateness", Unit: "ms"}, series)
}

// HogSlack is how far a hog's measured duration may stray from
// [Options.HogTime] before [Verdict] flags it: a factor of 1.5 either way.
// A calibrated loop on an idle machine lands within a few percent; the
// course once committed a hog of 673 ms sized for 300 ms.
const HogSlack = 1.5

// HogOff reports whether the result's hog ran far from the duration it was
// sized for (outside [HogTime/HogSlack, HogTime×HogSlack]); false when
// Options.HogTime is 0.
func HogOff(r Result) bool {
	want := r.Options.HogTime
	if want <= 0 {
		return false
	}
	got := float64(r.Hog())
	return got < float64(want)/HogSlack || got > float64(want)*HogSlack
}

// Verdict says, with the figures, whether this run shows that the
// cooperative loop stopped the heartbeat for the whole hog while Go's
// scheduler kept it going: no tick during the hog on the loop, at least one
// on goroutines, and a worst lateness on goroutines under half the loop's.
// A hog that ran far from its HogTime (see [HogOff]) is flagged first: its
// figures do not measure the experiment the cell set up.
func Verdict(loop, goroutines Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**This machine:** on the %s the hog ran for %v and %s ran meanwhile; the worst tick came %v late. ",
		loop.Scheduler, bench.Round(loop.Hog()), ticks(loop.During()), bench.Round(loop.Worst()))
	fmt.Fprintf(&b, "On %s the hog ran for %v, %s ran meanwhile, and the worst came %v late. ",
		goroutines.Scheduler, bench.Round(goroutines.Hog()), ticks(goroutines.During()), bench.Round(goroutines.Worst()))
	for _, r := range []Result{loop, goroutines} {
		if HogOff(r) {
			fmt.Fprintf(&b, "No verdict: the hog on %s ran %v, far from the %v it was sized for, so the figures do not measure this experiment "+
				"(another program took the CPU, or the calibration was off): rerun the cell.", r.Scheduler, bench.Round(r.Hog()), r.Options.HogTime)
			return b.String()
		}
	}
	if loop.During() == 0 && goroutines.During() > 0 && 2*goroutines.Worst() < loop.Worst() {
		b.WriteString("So the cooperative loop let no tick run while the hog computed, and Go's runtime interrupted the hog to run them.")
	} else {
		b.WriteString("That is not the difference expected between a cooperative loop and a preemptive scheduler: " +
			"a tick ran during the hog on the loop, or none on goroutines, or the goroutines' worst tick was not under half the loop's.")
	}
	return b.String()
}

func ticks(n int) string {
	if n == 1 {
		return "1 tick"
	}
	return fmt.Sprintf("%d ticks", n)
}
