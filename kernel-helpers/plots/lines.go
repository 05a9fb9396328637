package plots

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Lines draws each series as a line through its points, with a marker on
// every point and, when the series has Low and High, a whisker. It is the
// chart for sweeps: latency against switch interval, memory against count.
//
// It returns an error for no series, a series with no points, slices of
// different lengths, a NaN or infinite value, a point outside its own
// Low..High range, or a value that is not positive on a Log axis.
func Lines(title string, x, y Axis, series []Series) ([]byte, error) {
	return Options{}.Lines(title, x, y, series)
}

// Lines is [Lines] drawn with o's size.
func (o Options) Lines(title string, x, y Axis, series []Series) ([]byte, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	o = o.withDefaults()
	if err := checkSeries(series, x.Log, y.Log); err != nil {
		return nil, err
	}
	p := o.newPlot(title, x.text(), y.text())
	for _, a := range []struct {
		axis *plot.Axis
		log  bool
	}{{&p.X, x.Log}, {&p.Y, y.Log}} {
		if a.log {
			a.axis.Scale = plot.LogScale{}
			a.axis.Tick.Marker = logTicks{}
		}
	}
	// Counts (hogs, workers, waiters) are whole numbers: a tick at 0.5
	// would name a value that cannot occur.
	if xs := workerTicks(series); !x.Log && len(xs) <= 16 && whole(xs) {
		p.X.Tick.Marker = constantTicks(xs)
	}
	return o.drawSeries(p, series, nil)
}

// Speedup draws how many times faster than a baseline each series runs,
// against the number of workers: X holds worker counts, Y the speedups, and
// Low and High, when given, the speedups from the slowest and the fastest
// samples. With ideal, a dashed line y = x shows perfect scaling, the line no
// real program reaches.
//
// The x axis has a tick at every worker count in the data (up to 16 of them)
// and the y axis starts at 0, so a speedup of 1.1 does not look like 10.
//
// It returns an error for the same bad input as [Lines], and for a worker
// count or speedup that is not positive.
func Speedup(title string, series []Series, ideal bool) ([]byte, error) {
	return Options{}.Speedup(title, series, ideal)
}

// Speedup is [Speedup] drawn with o's size.
func (o Options) Speedup(title string, series []Series, ideal bool) ([]byte, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	o = o.withDefaults()
	// Positive, as on a log axis: no worker count or speedup can be 0.
	if err := checkSeries(series, true, true); err != nil {
		return nil, err
	}
	p := o.newPlot(title, "workers", "speedup (×)")
	p.Y.Min = 0
	workers := workerTicks(series)
	if len(workers) <= 16 {
		p.X.Tick.Marker = constantTicks(workers)
	}
	var extra *plotter.Line
	if ideal {
		lo, hi := workers[0], workers[len(workers)-1]
		line, err := plotter.NewLine(plotter.XYs{{X: lo, Y: lo}, {X: hi, Y: hi}})
		if err != nil {
			return nil, fmt.Errorf("plots: %w", err)
		}
		line.Color = idealColor
		line.Width = vg.Points(1)
		line.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		extra = line
	}
	return o.drawSeries(p, series, extra)
}

// workerTicks returns the distinct X values of all series, sorted.
func workerTicks(series []Series) []float64 {
	var xs []float64
	for _, s := range series {
		xs = append(xs, s.X...)
	}
	slices.Sort(xs)
	return slices.Compact(xs)
}

// constantTicks returns a labelled tick at each value.
func constantTicks(values []float64) plot.ConstantTicks {
	ticks := make(plot.ConstantTicks, len(values))
	for i, v := range values {
		ticks[i] = plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'g', -1, 64)}
	}
	return ticks
}

// whole reports whether every value is a whole number.
func whole(values []float64) bool {
	for _, v := range values {
		if v != math.Trunc(v) {
			return false
		}
	}
	return true
}

// drawSeries adds grid, series and their legend to p, plus the ideal line
// when not nil, and renders it.
func (o Options) drawSeries(p *plot.Plot, series []Series, ideal *plotter.Line) ([]byte, error) {
	p.Add(grid(true, true))
	legend := o.newLegend()
	entries := 0
	if ideal != nil {
		p.Add(ideal)
		legend.Add("ideal (y = x)", ideal)
		entries++
	}
	for i, s := range series {
		xys := make(plotter.XYs, len(s.X))
		for j := range s.X {
			xys[j] = plotter.XY{X: s.X[j], Y: s.Y[j]}
		}
		line, points, err := plotter.NewLinePoints(xys)
		if err != nil {
			return nil, fmt.Errorf("plots: series %q: %w", s.Name, err)
		}
		line.Color = seriesColor(i)
		line.Width = vg.Points(1.5)
		points.Color = seriesColor(i)
		points.Shape = seriesGlyph(i)
		points.Radius = o.FontSize / 4
		p.Add(line, points)
		if s.Low != nil {
			errs := make(plotter.YErrors, len(s.X))
			for j := range s.X {
				errs[j].Low, errs[j].High = s.Y[j]-s.Low[j], s.High[j]-s.Y[j]
			}
			whiskers, err := plotter.NewYErrorBars(struct {
				plotter.XYs
				plotter.YErrors
			}{xys, errs})
			if err != nil {
				return nil, fmt.Errorf("plots: series %q: %w", s.Name, err)
			}
			whiskers.Color = seriesColor(i)
			whiskers.Width = vg.Points(1)
			whiskers.CapWidth = o.FontSize / 2
			p.Add(whiskers)
		}
		if s.Name != "" {
			legend.Add(s.Name, line, points)
			entries++
		}
	}
	return o.render(p, &legend, entries)
}

// checkSeries reports the first bad value in series; xPos and yPos ask for
// positive X and Y values (and Low, High).
func checkSeries(series []Series, xPos, yPos bool) error {
	if len(series) == 0 {
		return fmt.Errorf("plots: no series to draw")
	}
	for i, s := range series {
		name := fmt.Sprintf("series %d (%q)", i, s.Name)
		if len(s.X) == 0 {
			return fmt.Errorf("plots: %s has no points", name)
		}
		if len(s.Y) != len(s.X) {
			return fmt.Errorf("plots: %s has %d X values but %d Y values", name, len(s.X), len(s.Y))
		}
		if (s.Low == nil) != (s.High == nil) {
			return fmt.Errorf("plots: %s has only one of Low and High", name)
		}
		if s.Low != nil && (len(s.Low) != len(s.X) || len(s.High) != len(s.X)) {
			return fmt.Errorf("plots: %s has %d points but %d Low and %d High values", name, len(s.X), len(s.Low), len(s.High))
		}
		for j := range s.X {
			vals := []value{{"X", s.X[j], xPos}, {"Y", s.Y[j], yPos}}
			if s.Low != nil {
				vals = append(vals, value{"Low", s.Low[j], yPos}, value{"High", s.High[j], yPos})
			}
			for _, v := range vals {
				what := fmt.Sprintf("%s: %s[%d]", name, v.what, j)
				if err := finite(what, v.v); err != nil {
					return err
				}
				if v.positive && v.v <= 0 {
					return fmt.Errorf("plots: %s is %v, want a positive number", what, v.v)
				}
			}
			if s.Low != nil && !(s.Low[j] <= s.Y[j] && s.Y[j] <= s.High[j]) {
				return fmt.Errorf("plots: %s: point %d has Y = %v outside Low..High = %v..%v", name, j, s.Y[j], s.Low[j], s.High[j])
			}
		}
	}
	return nil
}

// value is one number checked by checkSeries.
type value struct {
	what     string
	v        float64
	positive bool
}
