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
	fmt.Printf("serial fraction %.3f, so at most %.1f× on 4 cores and %.0f× on any number\n",
		m.Serial, m.On(4, 4), m.Limit())
	// Output: serial fraction 0.058, so at most 3.4× on 4 cores and 17× on any number
}
