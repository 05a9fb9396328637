package counter_test

import (
	"context"
	"fmt"

	"concurrencylab/workloads/counter"
)

func ExampleCount() {
	for _, s := range counter.Fixes() {
		got, err := counter.Count(context.Background(), s, 4, 10_000)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%-7v %d, lost %d\n", s, got, counter.Lost(4, 10_000, got))
	}
	// Output:
	// mutex   40000, lost 0
	// atomic  40000, lost 0
	// channel 40000, lost 0
}

func ExampleCount_unsafe() {
	// How many updates the race loses depends on timing: no Output comment.
	got, err := counter.Count(context.Background(), counter.Unsafe, 2, 1_000_000)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("counted %d of 2000000: %d updates lost\n", got, counter.Lost(2, 1_000_000, got))
}
