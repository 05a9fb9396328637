package executors_test

import (
	"context"
	"fmt"
	"time"

	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/executors"
)

// Tasks that wait 60, 40 and 20 ms, submitted in that order, come back
// shortest first: [2 1 0], unless the machine is so busy that a task is
// held up for longer than the 20 ms between two of them. Timing-dependent,
// so there is no Output comment.
func ExampleAsCompleted() {
	c, err := executors.AsCompleted(context.Background(), executors.Goroutines,
		executors.Options{Tasks: 3, Step: 20 * time.Millisecond})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Order())
}

// Timing-dependent: no Output comment.
func ExampleCostVerdict() {
	g, err := executors.PerTask(context.Background(), executors.Goroutines, 1000, 2, 5)
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := executors.PerTask(context.Background(), executors.Processes, 1000, 2, 5)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(executors.CostVerdict(g, p))
}
