package startmethod_test

import (
	"context"
	"fmt"

	"concurrencylab/kernel-helpers/lessons/01-processes/startmethod"
)

func ExampleMeasure() {
	// Timings differ from machine to machine, so there is no Output comment.
	r, err := startmethod.Measure(context.Background(), startmethod.Settings{Reps: 3})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Default()) // or why CPython was not measured
	fmt.Println(r.Markdown())
}
