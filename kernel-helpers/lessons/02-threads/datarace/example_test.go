package datarace_test

import (
	"context"
	"fmt"

	"concurrencylab/kernel-helpers/lessons/02-threads/datarace"
)

func ExampleDetect() {
	for _, src := range []string{datarace.Racy, datarace.Fixed} {
		r, err := datarace.Detect(context.Background(), src)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("race found:", r.Raced(), "exit status:", r.ExitCode)
	}
	// Output:
	// race found: true exit status: 66
	// race found: false exit status: 0
}

func ExampleMeasureLosses() {
	// How many updates are lost depends on timing: no Output comment.
	ls, err := datarace.MeasureLosses(context.Background(), []int{1, 2, 4}, 1_000_000, 3)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range ls {
		fmt.Println(l.Goroutines, "goroutines lost", l.Lost)
	}
	fmt.Println(datarace.LossVerdict(ls))
}
