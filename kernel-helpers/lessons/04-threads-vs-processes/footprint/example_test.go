package footprint_test

import (
	"context"
	"fmt"

	"concurrencylab/kernel-helpers/lessons/04-threads-vs-processes/footprint"
)

// A thousand goroutines, a hundred threads, two processes. The figures vary
// between runs and machines: no Output.
func ExampleVerdict() {
	points, err := footprint.Sweep(context.Background(), footprint.Counts{
		Goroutines: []int{1000}, Threads: []int{100}, Processes: []int{2}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(footprint.Verdict(points))
}
