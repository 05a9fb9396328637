package cancellation_test

import (
	"context"
	"fmt"
	"time"

	"concurrencylab/kernel-helpers/lessons/02-threads/cancellation"
)

func ExampleStopLatency() {
	// The delays depend on the machine: no Output comment.
	stops, err := cancellation.StopLatency(context.Background(), 100_000, 3)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("stopped after", stops)
}

func ExampleIgnore() {
	r, err := cancellation.Ignore(context.Background(), 100_000_000, 10*time.Millisecond)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Verdict())
}
