package amdahl_test

import (
	"fmt"

	"concurrencylab/kernel-helpers/amdahl"
)

// Speedups measured on 1, 2, 3 and 4 workers of a 4-core machine.
func ExampleFit() {
	m, err := amdahl.Fit([]amdahl.Point{{1, 1}, {2, 1.9}, {3, 2.7}, {4, 3.4}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("serial fraction %.3f, predicting %.1f× on 4 cores and %.0f× on any number\n",
		m.Serial, m.On(4, 4), m.Limit())
	// Output: serial fraction 0.056, predicting 3.4× on 4 cores and 18× on any number
}

// The serial fraction each measurement implies on its own.
func ExamplePoint_KarpFlatt() {
	for _, p := range []amdahl.Point{{2, 1.9}, {3, 2.7}, {4, 3.4}} {
		fmt.Printf("%g workers: %.3f\n", p.Workers, p.KarpFlatt())
	}
	// Output:
	// 2 workers: 0.053
	// 3 workers: 0.056
	// 4 workers: 0.059
}

// On 2 cores only the runs with 1 and 2 workers are within the cores:
// too few to fit.
func ExampleFitOn() {
	_, err := amdahl.FitOn([]amdahl.Point{{1, 1}, {2, 1.9}, {3, 1.95}, {4, 2.07}}, 2)
	fmt.Println(err)
	// Output: amdahl: too few measurements to fit: 2 with up to 2 workers (one per core), want 3 or more
}
