package plots

import (
	"fmt"
	"image/color"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Span is one task run by one worker: what [Timeline] draws as a bar.
type Span struct {
	// Worker names the row, e.g. "pid 1234" or "tid 77".
	Worker string
	// Task is written inside the bar when it fits; it may be empty.
	Task string
	// Start and End are measured from the start of the batch, e.g. with
	// time.Since(batchStart) before and after the task.
	Start, End time.Duration
}

// Timeline draws who ran what when: one row per worker, in the order the
// workers first appear in spans, top to bottom, and a bar per task from its
// Start to its End. Gaps in a row are times the worker sat idle; bars side by
// side in one column are tasks that ran at the same time.
//
// The time unit is chosen as in [Timings], from the latest End.
//
// It returns an error for no spans, a span with no Worker, a negative Start
// or an End before its Start.
func Timeline(title string, spans []Span) ([]byte, error) {
	return Options{}.Timeline(title, spans)
}

// Timeline is [Timeline] drawn with o's size.
func (o Options) Timeline(title string, spans []Span) ([]byte, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	o = o.withDefaults()
	rows, bars, unit, err := timelineBars(spans)
	if err != nil {
		return nil, err
	}
	p := o.newPlot(title, "time since the batch started ("+unit+")", "")
	p.Add(grid(false, true))
	p.Add(&spanBars{bars: bars, rows: len(rows), color: seriesColor(0), label: o.textStyle()})
	p.NominalY(rows...)
	p.X.Min = 0
	p.Y.Min, p.Y.Max = -0.5, float64(len(rows))-0.5
	return o.render(p, nil, 0)
}

// timeBar is one span in the chart's unit, on row Row (0 at the bottom).
type timeBar struct {
	Row        int
	Start, End float64
	Task       string
}

// timelineBars checks spans and turns them into bars in one time unit. rows
// holds the row labels bottom to top, so the first worker seen is on top.
func timelineBars(spans []Span) (rows []string, bars []timeBar, unit string, err error) {
	if len(spans) == 0 {
		return nil, nil, "", fmt.Errorf("plots: no spans to draw")
	}
	first := map[string]int{} // worker → order of first appearance
	var order []string
	var latest time.Duration
	for i, s := range spans {
		switch {
		case s.Worker == "":
			return nil, nil, "", fmt.Errorf("plots: span %d (task %q) has no Worker", i, s.Task)
		case s.Start < 0:
			return nil, nil, "", fmt.Errorf("plots: span %d (%s, task %q) starts at %v, before the batch", i, s.Worker, s.Task, s.Start)
		case s.End < s.Start:
			return nil, nil, "", fmt.Errorf("plots: span %d (%s, task %q) ends at %v, before its start %v", i, s.Worker, s.Task, s.End, s.Start)
		}
		if _, ok := first[s.Worker]; !ok {
			first[s.Worker] = len(order)
			order = append(order, s.Worker)
		}
		latest = max(latest, s.End)
	}
	unit, per := durationUnit(latest)
	n := len(order)
	rows = make([]string, n)
	for i, w := range order {
		rows[n-1-i] = w
	}
	bars = make([]timeBar, len(spans))
	for i, s := range spans {
		bars[i] = timeBar{
			Row:   n - 1 - first[s.Worker],
			Start: inUnit(s.Start, per),
			End:   inUnit(s.End, per),
			Task:  s.Task,
		}
	}
	return rows, bars, unit, nil
}

// spanBars is the [plot.Plotter] that draws a timeline's bars.
type spanBars struct {
	bars  []timeBar
	rows  int
	color color.Color
	label text.Style
}

// Plot implements [plot.Plotter].
func (s *spanBars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	// Bars fill 70% of a row, leaving a gap between workers.
	half := (trY(1) - trY(0)) * 0.35
	edge := draw.LineStyle{Color: color.White, Width: vg.Points(1)}
	for _, b := range s.bars {
		y := trY(float64(b.Row))
		x0, x1 := trX(b.Start), trX(b.End)
		// A task shorter than a pixel still shows as a hairline.
		if x1-x0 < vg.Points(1) {
			x1 = x0 + vg.Points(1)
		}
		box := []vg.Point{{X: x0, Y: y - half}, {X: x1, Y: y - half}, {X: x1, Y: y + half}, {X: x0, Y: y + half}}
		c.FillPolygon(s.color, c.ClipPolygonXY(box))
		// The white edge separates tasks that follow each other with no gap.
		c.StrokeLines(edge, c.ClipLinesXY(append(box, box[0]))...)
		if b.Task != "" && s.label.Width(b.Task) < x1-x0-vg.Points(2) && s.label.Height(b.Task) < 2*half {
			c.FillText(s.label, vg.Point{X: (x0 + x1) / 2, Y: y}, b.Task)
		}
	}
}

// DataRange implements [plot.DataRanger].
func (s *spanBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	for _, b := range s.bars {
		xmax = max(xmax, b.End)
	}
	return 0, xmax, -0.5, float64(s.rows) - 0.5
}
