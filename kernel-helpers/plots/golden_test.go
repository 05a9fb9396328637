package plots_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"gonum.org/v1/plot/cmpimg"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/plots"
)

// The golden pictures: each builder draws fixed, made-up data, and the SVG
// must match testdata/<name>_golden.svg byte for byte, as gonum/plot tests
// its plotters (cmpimg.CheckPlot). A change to a builder or to gonum that
// moves a pixel fails here; when the change is meant, look at the new
// pictures and regenerate them (cmpimg's -regen flag):
//
//	go test ./kernel-helpers/plots/ -run TestGolden -regen
//
// then review testdata/*_golden.svg in the diff before committing.

// write saves svg as testdata/name, where cmpimg.CheckPlot looks for it.
func write(t *testing.T, name string, svg []byte, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("testdata", name), svg, 0o644); err != nil {
		t.Fatal(err)
	}
}

func millis(n ...float64) []time.Duration {
	d := make([]time.Duration, len(n))
	for i, v := range n {
		d[i] = time.Duration(v * float64(time.Millisecond))
	}
	return d
}

func TestGolden(t *testing.T) {
	tests := []struct {
		name string
		draw func() ([]byte, error)
	}{
		{"timings.svg", func() ([]byte, error) {
			return plots.Timings("sum of square roots, n = 2e6", []bench.Result{
				{Name: "sumsqrt", Strategy: bench.NameSequential, Samples: millis(120, 125, 118, 130, 122)},
				{Name: "sumsqrt", Strategy: bench.NameGoroutines, Workers: 4, Samples: millis(40, 60, 45, 42, 51)},
				{Name: "sumsqrt", Strategy: bench.NameProcessPool, Workers: 2, Samples: millis(70, 72, 90, 68, 75)},
			})
		}},
		{"speedup.svg", func() ([]byte, error) {
			return plots.Speedup("sum of square roots", []plots.Series{
				{Name: bench.NameGoroutines, X: []float64{1, 2, 4}, Y: []float64{1, 1.9, 3.6}},
				{Name: bench.NameGILThreads, X: []float64{1, 2, 4}, Y: []float64{1, 0.95, 0.9}},
			}, true)
		}},
		{"lines.svg", func() ([]byte, error) {
			x := plots.Axis{Label: "switch interval", Unit: "ms", Log: true}
			y := plots.Axis{Label: "latency", Unit: "ms"}
			return plots.Lines("latency of an I/O thread", x, y, []plots.Series{
				{Name: "measured", X: []float64{0.5, 5, 50}, Y: []float64{0.6, 5.3, 49}},
				{Name: "one interval", X: []float64{0.5, 5, 50}, Y: []float64{0.5, 5, 50}},
			})
		}},
		{"timeline.svg", func() ([]byte, error) {
			return plots.Timeline("two processes, three chunks", []plots.Span{
				{Worker: "pid 1234", Task: "chunk 1", Start: 0, End: 400 * time.Millisecond},
				{Worker: "pid 1235", Task: "chunk 2", Start: 10 * time.Millisecond, End: 390 * time.Millisecond},
				{Worker: "pid 1234", Task: "chunk 3", Start: 400 * time.Millisecond, End: 800 * time.Millisecond},
			})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmpimg.CheckPlot(func() {
				svg, err := tt.draw()
				write(t, tt.name, svg, err)
			}, t, tt.name)
		})
	}
}
