package iobound_test

import (
	"context"
	"fmt"
	"time"

	"concurrencylab/kernel-helpers/lessons/04-threads-vs-processes/iobound"
)

// Eight pages of 50 ms under every strategy. Timing-dependent: no Output.
func ExampleCompare() {
	o := iobound.Options{Pages: 8, Latency: 50 * time.Millisecond, Workers: 4, Reps: 3}
	results, err := iobound.Compare(context.Background(), o)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(iobound.Verdict(results, o))
}
