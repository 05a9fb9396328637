package plots

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"math"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Default size and text size of every figure. 16 cm × 9 cm is the 16:9 shape
// of a screen; at that width a notebook shows the figure without scaling it.
const (
	DefaultWidth    = 16 * vg.Centimeter
	DefaultHeight   = 9 * vg.Centimeter
	DefaultFontSize = vg.Length(10) // points, for tick labels and the legend
)

// Options sets the size of a figure. Its methods are the builders; the
// package-level functions ([Timings], [Speedup], [Lines], [Timeline]) call
// them on the zero value.
//
// The zero value, and any zero field, means the package default
// ([DefaultWidth], [DefaultHeight], [DefaultFontSize]).
type Options struct {
	// Width and Height are the size of the whole picture, legend included.
	Width, Height vg.Length
	// FontSize is the size of tick labels and legend entries; axis labels
	// are drawn 1.2 times and the title 1.4 times as large.
	FontSize vg.Length
}

// Series is one named curve of a line chart: the points (X[i], Y[i]).
//
// Low and High are optional: when not nil they hold, for each point, the
// lowest and highest value measured (e.g. the speedup computed from the
// slowest and from the fastest sample), drawn as a whisker. Every slice must
// have the length of X.
type Series struct {
	// Name is the legend entry. A series with no name is left out of the legend.
	Name      string
	X, Y      []float64
	Low, High []float64
}

// Axis describes one axis of a line chart.
type Axis struct {
	// Label says what is measured, e.g. "switch interval".
	Label string
	// Unit is appended in parentheses, e.g. "ms" gives "switch interval (ms)".
	Unit string
	// Log draws the axis on a logarithmic scale, for sweeps over powers of
	// ten; every value on it must then be positive.
	Log bool
}

// text returns the axis title with its unit.
func (a Axis) text() string {
	switch {
	case a.Unit == "":
		return a.Label
	case a.Label == "":
		return "(" + a.Unit + ")"
	}
	return a.Label + " (" + a.Unit + ")"
}

// palette is the Okabe–Ito palette (Okabe & Ito, "Color Universal Design",
// 2008), without its yellow, which is too pale on white.
var palette = []color.Color{
	color.RGBA{0x00, 0x72, 0xB2, 0xFF}, // blue
	color.RGBA{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
	color.RGBA{0x00, 0x9E, 0x73, 0xFF}, // bluish green
	color.RGBA{0xE6, 0x9F, 0x00, 0xFF}, // orange
	color.RGBA{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	color.RGBA{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
	color.RGBA{0x00, 0x00, 0x00, 0xFF}, // black
}

var (
	gridColor   = color.Gray{Y: 0xDD}
	idealColor  = color.Gray{Y: 0x77}
	whiskerGray = color.Gray{Y: 0x22}
)

// glyphs gives each series its own marker shape, in palette order.
var glyphs = []draw.GlyphDrawer{
	draw.CircleGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{},
	draw.RingGlyph{}, draw.BoxGlyph{}, draw.PyramidGlyph{}, draw.CrossGlyph{},
}

func seriesColor(i int) color.Color      { return palette[i%len(palette)] }
func seriesGlyph(i int) draw.GlyphDrawer { return glyphs[i%len(glyphs)] }

// sans is the typeface of every text. Its family name in the SVG is
// "Liberation Sans"; fixFonts adds fallbacks.
var (
	sans     = font.Font{Typeface: "Liberation", Variant: "Sans"}
	sansBold = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}
)

// withDefaults fills the zero fields of o.
func (o Options) withDefaults() Options {
	if o.Width == 0 {
		o.Width = DefaultWidth
	}
	if o.Height == 0 {
		o.Height = DefaultHeight
	}
	if o.FontSize == 0 {
		o.FontSize = DefaultFontSize
	}
	return o
}

func (o Options) check() error {
	for _, f := range []struct {
		name string
		v    vg.Length
	}{{"Width", o.Width}, {"Height", o.Height}, {"FontSize", o.FontSize}} {
		if v := float64(f.v); v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("plots: Options.%s is %v, want a positive length (or 0 for the default)", f.name, f.v)
		}
	}
	return nil
}

// newPlot returns a plot with the package's fonts, a title and axis labels.
func (o Options) newPlot(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sansBold, o.FontSize*1.4)
	p.Title.Padding = o.FontSize / 2
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, o.FontSize*1.2)
		a.Tick.Label.Font = font.From(sans, o.FontSize)
	}
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	return p
}

// newLegend returns an empty legend in the package's font, for render to
// draw beside the plot.
func (o Options) newLegend() plot.Legend {
	l := plot.NewLegend()
	l.TextStyle.Font = font.From(sans, o.FontSize)
	l.Top, l.Left = true, true
	l.Padding = o.FontSize / 3
	return l
}

// grid returns light grid lines behind the data; horizontal and vertical say
// which ones.
func grid(horizontal, vertical bool) *plotter.Grid {
	g := plotter.NewGrid()
	g.Horizontal.Color, g.Vertical.Color = gridColor, gridColor
	g.Horizontal.Width, g.Vertical.Width = vg.Points(0.5), vg.Points(0.5)
	if !horizontal {
		g.Horizontal.Width = 0
	}
	if !vertical {
		g.Vertical.Width = 0
	}
	return g
}

// render draws p, and the legend (when it has entries) in a column of its own
// right of the plot, and returns the SVG bytes.
func (o Options) render(p *plot.Plot, legend *plot.Legend, entries int) (svg []byte, err error) {
	// gonum/plot panics on some input it cannot draw (e.g. a text it cannot
	// lay out); the builders check their input first, and this turns anything
	// they missed into an error, as the package promises.
	defer func() {
		if r := recover(); r != nil {
			svg, err = nil, fmt.Errorf("plots: cannot draw %q: %v", p.Title.Text, r)
		}
	}()
	c := vgsvg.New(o.Width, o.Height)
	dc := draw.New(c)
	// The whole picture is white, legend column included, so that it stays
	// readable in a notebook with a dark theme.
	r := dc.Rectangle
	dc.FillPolygon(color.White, []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}})
	// A margin keeps the title and the outermost tick labels off the edge.
	m := o.FontSize * 0.6
	dc = draw.Crop(dc, m, -m, m, -m)
	area := dc
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		if _, linear := a.Scale.(plot.LinearScale); linear {
			if _, custom := a.Tick.Marker.(plot.ConstantTicks); !custom {
				a.Tick.Marker = niceTicks{}
				roundUp(a)
			}
		}
	}
	if legend != nil && entries > 0 {
		r := legend.Rectangle(dc)
		gap := o.FontSize
		area.Max.X -= r.Max.X - r.Min.X + 2*gap
		if area.Max.X-area.Min.X < o.Width/3 {
			return nil, errors.New("plots: legend entries too long: they would leave less than a third of the width for the data")
		}
		p.Title.Text = wrap(p.Title.Text, p.Title.TextStyle, area.Max.X-area.Min.X)
		data := p.DataCanvas(area)
		legArea := dc
		legArea.Min.X = area.Max.X + gap
		legArea.Min.Y, legArea.Max.Y = data.Min.Y, data.Max.Y
		p.Draw(area)
		legend.Draw(legArea)
	} else {
		p.Title.Text = wrap(p.Title.Text, p.Title.TextStyle, area.Max.X-area.Min.X)
		p.Draw(area)
	}
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("plots: writing SVG: %w", err)
	}
	return fixSVG(buf.Bytes()), nil
}

// wrap breaks a title into lines at spaces so that no line is wider than
// width: gonum/plot centres a title and clips what overflows both edges.
func wrap(title string, style text.Style, width vg.Length) string {
	if style.Width(title) <= width {
		return title
	}
	var lines []string
	line := ""
	for _, w := range strings.Fields(title) {
		switch {
		case line == "":
			line = w
		case style.Width(line+" "+w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	return strings.Join(append(lines, line), "\n")
}

// fixSVG makes vgsvg's output safe to show anywhere. vgsvg names the font
// family "Liberation Sans" and nothing else, so a browser without that font
// falls back to its default, often a serif font of other widths, and labels
// overlap. Liberation Sans has the metrics of Arial (that is what it was
// made for), so naming Arial, Helvetica and the generic sans-serif after it
// keeps the layout right with no font file embedded (embedding it would add
// about 400 kB to every plot, and to the notebook that shows it).
//
// It also lets the picture shrink with a narrow notebook column instead of
// overflowing it.
func fixSVG(svg []byte) []byte {
	svg = bytes.ReplaceAll(svg,
		[]byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"))
	return bytes.Replace(svg,
		[]byte("<svg width="),
		[]byte(`<svg style="max-width:100%;height:auto" width=`), 1)
}

// finite reports an error for a NaN or infinite value.
func finite(what string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("plots: %s is %v, want a finite number", what, v)
	}
	return nil
}

// textStyle returns the style of a text drawn inside the data area.
func (o Options) textStyle() text.Style {
	return text.Style{
		Color:   color.White,
		Font:    font.From(sans, o.FontSize*0.9),
		XAlign:  draw.XCenter,
		YAlign:  draw.YCenter,
		Handler: plot.DefaultTextHandler,
	}
}
