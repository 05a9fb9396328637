package plots_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot/vg"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/plots"
)

const ms = time.Millisecond

// picture is what a test reads back from an SVG.
type picture struct {
	width, height string
	texts         []string // the content of every <text>, in order
}

// parseSVG checks that svg is well-formed XML with an <svg> root and
// returns its size and texts.
func parseSVG(t *testing.T, svg []byte) picture {
	t.Helper()
	var pic picture
	d := xml.NewDecoder(bytes.NewReader(svg))
	depth, inText := 0, false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err, "the SVG is not well-formed XML")
		switch tok := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				require.Equal(t, "svg", tok.Name.Local, "root element")
				for _, a := range tok.Attr {
					switch a.Name.Local {
					case "width":
						pic.width = a.Value
					case "height":
						pic.height = a.Value
					}
				}
			}
			inText = tok.Name.Local == "text"
			depth++
		case xml.EndElement:
			inText = false
			depth--
		case xml.CharData:
			if inText {
				pic.texts = append(pic.texts, string(tok))
			}
		}
	}
	require.Zero(t, depth, "unclosed elements")
	require.NotEmpty(t, pic.width, "the <svg> root has no width")
	require.NotEmpty(t, pic.height, "the <svg> root has no height")
	return pic
}

func sampleResults() []bench.Result {
	return []bench.Result{
		{Name: "sumsqrt", Strategy: "sequential", Samples: []time.Duration{120 * ms, 130 * ms, 125 * ms}},
		{Name: "sumsqrt", Strategy: "goroutines", Workers: 4, Samples: []time.Duration{40 * ms, 45 * ms, 60 * ms}},
	}
}

func TestBuilders(t *testing.T) {
	tests := []struct {
		name  string
		build func() ([]byte, error)
		texts []string // texts the picture must hold
	}{
		{"Timings", func() ([]byte, error) { return plots.Timings("sum of square roots", sampleResults()) },
			[]string{"sum of square roots", "median time (ms)", "sequential", "goroutines"}},
		{"Speedup", func() ([]byte, error) {
			return plots.Speedup("speedup", []plots.Series{
				{Name: "goroutines", X: []float64{1, 2, 4}, Y: []float64{1, 1.9, 3.5},
					Low: []float64{0.9, 1.7, 3}, High: []float64{1.1, 2, 3.8}},
				{Name: "gil-threads", X: []float64{1, 2, 4}, Y: []float64{1, 0.9, 0.8}},
			}, true)
		}, []string{"speedup", "workers", "speedup (×)", "goroutines", "gil-threads", "ideal (y = x)", "1", "2", "4"}},
		{"Lines", func() ([]byte, error) {
			return plots.Lines("latency against switch interval",
				plots.Axis{Label: "switch interval", Unit: "ms", Log: true},
				plots.Axis{Label: "latency", Unit: "ms"},
				[]plots.Series{{Name: "io thread", X: []float64{0.1, 1, 10}, Y: []float64{0.3, 1.2, 9.8}}})
		}, []string{"latency against switch interval", "switch interval (ms)", "latency (ms)", "io thread", "0.1", "10"}},
		{"Timeline", func() ([]byte, error) {
			return plots.Timeline("who ran what when", []plots.Span{
				{Worker: "pid 1234", Task: "chunk 1", Start: 0, End: 800 * ms},
				{Worker: "pid 1235", Task: "chunk 2", Start: 100 * ms, End: 900 * ms},
			})
		}, []string{"who ran what when", "time since the batch started (ms)", "pid 1234", "pid 1235", "chunk 1", "chunk 2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svg, err := tt.build()
			require.NoError(t, err)
			pic := parseSVG(t, svg)
			assert.Equal(t, "453.54pt", pic.width, "16 cm")
			assert.Equal(t, "255.12pt", pic.height, "9 cm")
			for _, want := range tt.texts {
				assert.Contains(t, pic.texts, want)
			}
			// No font file to fetch: only names a browser can fall back from.
			assert.NotContains(t, string(svg), "@font-face")
			assert.NotContains(t, string(svg), "url(")
			assert.Contains(t, string(svg), "font-family:'Liberation Sans',Arial,Helvetica,sans-serif;")
			assert.NotContains(t, string(svg), "font-family:Liberation")
		})
	}
}

func TestOptions_size(t *testing.T) {
	svg, err := plots.Options{Width: 10 * vg.Centimeter, Height: 5 * vg.Centimeter}.Timings("small", sampleResults())
	require.NoError(t, err)
	pic := parseSVG(t, svg)
	assert.Equal(t, "283.46pt", pic.width)
	assert.Equal(t, "141.73pt", pic.height)
}

func TestBuilders_errors(t *testing.T) {
	good := []plots.Series{{Name: "s", X: []float64{1, 2}, Y: []float64{1, 2}}}
	lin := plots.Axis{Label: "x"}
	tests := []struct {
		name  string
		build func() ([]byte, error)
		msg   string
	}{
		{"Timings with no results", func() ([]byte, error) { return plots.Timings("t", nil) }, "no results"},
		{"Timings with a negative sample", func() ([]byte, error) {
			return plots.Timings("t", []bench.Result{{Strategy: "s", Samples: []time.Duration{-ms}}})
		}, "negative"},
		{"Speedup with no series", func() ([]byte, error) { return plots.Speedup("t", nil, true) }, "no series"},
		{"Speedup with zero workers", func() ([]byte, error) {
			return plots.Speedup("t", []plots.Series{{X: []float64{0}, Y: []float64{1}}}, false)
		}, "positive"},
		{"Lines with NaN", func() ([]byte, error) {
			return plots.Lines("t", lin, lin, []plots.Series{{X: []float64{1}, Y: []float64{math.NaN()}}})
		}, "NaN"},
		{"Lines with mismatched lengths", func() ([]byte, error) {
			return plots.Lines("t", lin, lin, []plots.Series{{X: []float64{1, 2}, Y: []float64{1}}})
		}, "2 X values but 1 Y values"},
		{"Lines with zero on a log axis", func() ([]byte, error) {
			return plots.Lines("t", plots.Axis{Log: true}, lin, []plots.Series{{X: []float64{0, 1}, Y: []float64{1, 2}}})
		}, "positive"},
		{"Timeline with no spans", func() ([]byte, error) { return plots.Timeline("t", nil) }, "no spans"},
		{"Timeline ending before it starts", func() ([]byte, error) {
			return plots.Timeline("t", []plots.Span{{Worker: "w", Start: 2 * ms, End: ms}})
		}, "before its start"},
		{"negative size", func() ([]byte, error) { return plots.Options{Width: -1}.Lines("t", lin, lin, good) }, "Options.Width"},
		{"legend wider than the plot", func() ([]byte, error) {
			return plots.Lines("t", lin, lin, []plots.Series{{Name: strings.Repeat("long name ", 20), X: []float64{1}, Y: []float64{1}}})
		}, "legend entries too long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svg, err := tt.build()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.msg)
			assert.Nil(t, svg)
		})
	}
}

func TestLines_oneSeriesWithoutName(t *testing.T) {
	// An unnamed series gets no legend entry; a one-point series is drawn.
	svg, err := plots.Lines("memory", plots.Axis{Label: "goroutines", Log: true}, plots.Axis{Label: "memory", Unit: "MiB"},
		[]plots.Series{{X: []float64{1000}, Y: []float64{2.5}}})
	require.NoError(t, err)
	pic := parseSVG(t, svg)
	assert.Contains(t, pic.texts, "memory (MiB)")
}

func TestTimings_longLabelsTilt(t *testing.T) {
	results := func(strategies ...string) []bench.Result {
		var rs []bench.Result
		for _, s := range strategies {
			rs = append(rs, bench.Result{Strategy: s, Samples: []time.Duration{ms}})
		}
		return rs
	}
	tests := []struct {
		name    string
		results []bench.Result
		tilted  bool
	}{
		{"two short labels", results("sequential", "goroutines"), false},
		{"eight long labels", results("sequential-baseline", "goroutines-per-core", "process-pool-fork", "process-pool-spawn",
			"gil-threads-cpu", "cpython-threads-cpu", "asyncio-event-loop", "subinterpreters-pool"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svg, err := plots.Timings("labels", tt.results)
			require.NoError(t, err)
			assert.Equal(t, tt.tilted, bytes.Contains(svg, []byte("rotate(30")))
		})
	}
}
