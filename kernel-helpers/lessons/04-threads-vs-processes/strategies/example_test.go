package strategies_test

import (
	"context"
	"fmt"
	"runtime"

	"concurrencylab/kernel-helpers/lessons/04-threads-vs-processes/strategies"
)

// The tutorials' experiment: the same count split between 1, 2 and 4
// threads, and between as many processes. Timing-dependent: no Output.
func ExampleSplit() {
	results, err := strategies.Split(context.Background(), strategies.Sweep{Task: "count", Total: 50_000_000, Workers: []int{1, 2, 4}, Kinds: []strategies.Kind{strategies.Threads, strategies.ProcessPool}, Reps: 3})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strategies.Verdicts(results[0], results[1:], runtime.NumCPU()))
}

// Worker counts for a sweep on a 4-core machine.
func ExampleWorkerCounts() {
	fmt.Println(strategies.WorkerCounts(4))
	// Output: [1 2 4 5 8]
}
