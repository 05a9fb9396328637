package startcost_test

import (
	"context"
	"fmt"

	"concurrencylab/kernel-helpers/lessons/01-processes/startcost"
)

func ExampleSweep() {
	// Timings depend on the machine: no Output comment.
	rs, err := startcost.Sweep(context.Background(), []startcost.Plan{
		{Kind: startcost.Goroutine, Counts: []int{1, 100}},
		{Kind: startcost.Thread, Counts: []int{1, 100}},
		{Kind: startcost.Process, Counts: []int{1, 10}},
	}, 3)
	if err != nil {
		fmt.Println(err)
		return
	}
	v, err := startcost.Verdict(rs)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v)
}

func ExampleCheckThreads() {
	c, err := startcost.CheckThreads(20)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Starts, "starts,", c.Distinct, "different threads, all fresh:", c.OK())
	// Output: 20 starts, 20 different threads, all fresh: true
}
