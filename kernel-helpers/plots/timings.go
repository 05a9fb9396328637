package plots

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"concurrencylab/kernel-helpers/bench"
)

// Timings draws one bar per result, as tall as its median time, with a
// whisker from its fastest to its slowest sample, so the reader sees the
// spread and not only the headline figure.
//
// The time unit (µs, ms or s) is chosen so that the slowest sample reads as
// a number between 1 and 1000, and written on the axis.
//
// Each bar is labelled with the result's Strategy. When two results share a
// strategy, the labels grow until they differ: first the worker count is
// added ("goroutines (4)"), then the Name is put in front; if even
// that repeats, a position number "#i" (from 1) ends the label. A result
// with no Strategy is labelled with its Name.
//
// It returns an error for no results, a result with no samples or a
// negative sample.
func Timings(title string, results []bench.Result) ([]byte, error) {
	return Options{}.Timings(title, results)
}

// Timings is [Timings] drawn with o's size.
func (o Options) Timings(title string, results []bench.Result) ([]byte, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	o = o.withDefaults()
	bars, unit, err := timingBars(results)
	if err != nil {
		return nil, err
	}
	p := o.newPlot(title, "", "median time ("+unit+")")
	p.Add(grid(true, false))

	heights := make(plotter.Values, len(bars))
	xys := make(plotter.XYs, len(bars))
	errs := make(plotter.YErrors, len(bars))
	labels := make([]string, len(bars))
	for i, b := range bars {
		heights[i] = b.Median
		xys[i] = plotter.XY{X: float64(i), Y: b.Median}
		errs[i].Low, errs[i].High = b.Median-b.Low, b.High-b.Median
		labels[i] = b.Label
	}
	// Bars take 60% of their slot, whatever their number, so that a chart of
	// two results does not look like a chart of two walls.
	slot := (o.Width - 6*o.FontSize) / vg.Length(len(bars)+1)
	chart, err := plotter.NewBarChart(heights, slot*0.6)
	if err != nil {
		return nil, fmt.Errorf("plots: %w", err)
	}
	chart.Color = seriesColor(0)
	chart.LineStyle.Width = 0
	whiskers, err := plotter.NewYErrorBars(struct {
		plotter.XYs
		plotter.YErrors
	}{xys, errs})
	if err != nil {
		return nil, fmt.Errorf("plots: %w", err)
	}
	whiskers.Color = whiskerGray
	whiskers.Width = vg.Points(1)
	whiskers.CapWidth = slot * 0.25
	p.Add(chart, whiskers)
	p.NominalX(labels...)
	// Labels wider than their slot would run into each other: tilt them, so
	// that each ends under its own bar.
	widest := vg.Length(0)
	for _, l := range labels {
		widest = max(widest, p.X.Tick.Label.Width(l))
	}
	if widest > slot*0.95 {
		p.X.Tick.Label.Rotation = math.Pi / 6
		p.X.Tick.Label.XAlign = draw.XRight
		p.X.Tick.Label.YAlign = draw.YTop
	}
	// Each bar in the middle of a slot of width 1: without this, gonum/plot
	// squeezes the data area to fit the outer bars, and the grid with it.
	p.X.Min, p.X.Max = -0.5, float64(len(bars))-0.5
	p.Y.Min = 0
	return o.render(p, nil, 0)
}

// bar is what [Timings] draws for one result, in the chart's unit.
type bar struct {
	Label             string
	Median, Low, High float64
}

// timingBars turns results into bars in one time unit, and returns that unit.
func timingBars(results []bench.Result) ([]bar, string, error) {
	if len(results) == 0 {
		return nil, "", fmt.Errorf("plots: no results to draw")
	}
	var slowest time.Duration
	for i, r := range results {
		if len(r.Samples) == 0 {
			return nil, "", fmt.Errorf("plots: result %d (%s %s) has no samples", i, r.Name, r.Strategy)
		}
		for j, s := range r.Samples {
			if s < 0 {
				return nil, "", fmt.Errorf("plots: result %d (%s %s): sample %d is negative (%v)", i, r.Name, r.Strategy, j, s)
			}
		}
		slowest = max(slowest, r.Max())
	}
	unit, per := durationUnit(slowest)
	labels := timingLabels(results)
	bars := make([]bar, len(results))
	for i, r := range results {
		bars[i] = bar{
			Label:  labels[i],
			Median: inUnit(r.Median(), per),
			Low:    inUnit(r.Min(), per),
			High:   inUnit(r.Max(), per),
		}
	}
	return bars, unit, nil
}

// durationUnit returns the unit in which d reads as a number from 1 up to
// 1000 (or as less than 1 s for 0), and the length of one unit.
func durationUnit(d time.Duration) (string, time.Duration) {
	switch {
	case d < time.Millisecond:
		return "µs", time.Microsecond
	case d < time.Second:
		return "ms", time.Millisecond
	}
	return "s", time.Second
}

func inUnit(d, per time.Duration) float64 { return float64(d) / float64(per) }

// timingLabels returns one distinct label per result; see [Timings] for the
// rule.
func timingLabels(results []bench.Result) []string {
	strategy := func(r bench.Result) string {
		if r.Strategy == "" {
			return r.Name
		}
		return r.Strategy
	}
	// The count of workers in brackets, as everywhere in the course
	// ("process pool (2)", see bench.Shown).
	withWorkers := func(s string, r bench.Result) string { return bench.Shown(s, r.Workers) }
	named := func(r bench.Result) string {
		if r.Strategy == "" || r.Name == "" {
			return strategy(r)
		}
		return r.Name + "\n" + r.Strategy
	}
	rules := []func(bench.Result) string{
		strategy,
		func(r bench.Result) string { return withWorkers(strategy(r), r) },
		func(r bench.Result) string { return withWorkers(named(r), r) },
	}
	labels := make([]string, len(results))
	for _, rule := range rules {
		for i, r := range results {
			labels[i] = rule(r)
		}
		if distinct(labels) {
			return labels
		}
	}
	for i := range labels {
		labels[i] += " #" + strconv.Itoa(i+1)
	}
	return labels
}

func distinct(labels []string) bool {
	seen := make(map[string]bool, len(labels))
	for _, l := range labels {
		if seen[l] {
			return false
		}
		seen[l] = true
	}
	return true
}
