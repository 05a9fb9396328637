package sched_test

import (
	"context"
	"fmt"
	"runtime"

	"concurrencylab/kernel-helpers/lessons/02-threads/sched"
)

func ExampleThreadCounts() {
	// Thread counts depend on the machine and the runtime: no Output comment.
	cs, err := sched.ThreadCounts([]int{10, 1000, 100_000}, 100)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range cs {
		fmt.Printf("%6d goroutines (locked: %v): %d OS threads\n", c.Goroutines, c.Locked, c.Threads)
	}
	fmt.Println(sched.CountVerdict(cs, runtime.GOMAXPROCS(0)))
}

func ExampleTrace_locked() {
	tr, err := sched.Trace(context.Background(), 3, 2, 10_000, true)
	if err != nil {
		fmt.Println(err)
		return
	}
	sum := sched.Summarize(tr)
	fmt.Println(sum.Goroutines, "goroutines,", sum.Threads, "threads,", sum.Moved, "moved")
	// Output: 3 goroutines, 3 threads, 0 moved
}
