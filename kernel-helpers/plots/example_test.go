package plots_test

import (
	"bytes"
	"fmt"
	"time"

	"gonum.org/v1/plot/vg"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/plots"
)

func ExampleTimings() {
	results := []bench.Result{
		{Name: "sumsqrt", Strategy: "sequential", Samples: []time.Duration{120 * time.Millisecond, 125 * time.Millisecond}},
		{Name: "sumsqrt", Strategy: "goroutines", Workers: 4, Samples: []time.Duration{40 * time.Millisecond, 60 * time.Millisecond}},
	}
	svg, err := plots.Timings("sum of square roots", results)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(bytes.Contains(svg, []byte("<svg")), bytes.Contains(svg, []byte("median time (ms)")))
	// Output: true true
}

func ExampleTimings_error() {
	_, err := plots.Timings("nothing measured", nil)
	fmt.Println(err)
	// Output: plots: no results to draw
}

func ExampleSpeedup() {
	series := []plots.Series{
		{Name: "goroutines", X: []float64{1, 2, 4}, Y: []float64{1, 1.9, 3.6}},
		{Name: "gil-threads", X: []float64{1, 2, 4}, Y: []float64{1, 0.95, 0.9}},
	}
	svg, err := plots.Speedup("sum of square roots", series, true)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(bytes.Contains(svg, []byte("ideal (y = x)")))
	// Output: true
}

func ExampleLines() {
	x := plots.Axis{Label: "switch interval", Unit: "ms", Log: true}
	y := plots.Axis{Label: "latency", Unit: "ms"}
	svg, err := plots.Lines("latency of an I/O thread", x, y, []plots.Series{
		{Name: "measured", X: []float64{0.5, 5, 50}, Y: []float64{0.6, 5.3, 49}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(bytes.Contains(svg, []byte("switch interval (ms)")))
	// Output: true
}

func ExampleTimeline() {
	// In a real batch, Start and End come from time.Since(batchStart).
	spans := []plots.Span{
		{Worker: "pid 1234", Task: "chunk 1", Start: 0, End: 400 * time.Millisecond},
		{Worker: "pid 1235", Task: "chunk 2", Start: 10 * time.Millisecond, End: 390 * time.Millisecond},
		{Worker: "pid 1234", Task: "chunk 3", Start: 400 * time.Millisecond, End: 800 * time.Millisecond},
	}
	svg, err := plots.Timeline("two processes, three chunks", spans)
	fmt.Println(len(svg) > 0, err)
	// Output: true <nil>
}

func ExampleOptions_Timings() {
	wide := plots.Options{Width: 24 * vg.Centimeter} // Height and FontSize stay the defaults
	_, err := wide.Timings("wider", []bench.Result{{Strategy: "sequential", Samples: []time.Duration{time.Second}}})
	fmt.Println(err)
	// Output: <nil>
}
