package waits_test

import (
	"context"
	"fmt"
	"time"

	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/waits"
)

// A thousand waiters each way. Timing-dependent: no Output comment.
func ExampleVerdict() {
	results, err := waits.Sweep(context.Background(), []int{1000}, 50*time.Millisecond)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(waits.Verdict(results))
}

// The figures of one run.
func ExampleOnThreads() {
	r, err := waits.OnThreads(context.Background(), 100, 10*time.Millisecond)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d waiters added %d threads, %.0f KiB each\n", r.N, r.Threads, r.PerWaiter()/1024)
}
