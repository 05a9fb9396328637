package cpython_test

import (
	"context"
	"errors"
	"fmt"

	"concurrencylab/kernel-helpers/cpython"
)

func ExampleFind() {
	// Timings differ from machine to machine, so there is no Output comment.
	ctx := context.Background()
	interpreters, err := cpython.Find(ctx)
	if errors.Is(err, cpython.ErrNoPython) {
		fmt.Println(err) // say so plainly and skip the CPython part
		return
	}
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, py := range interpreters {
		results, err := py.Convoy(ctx, cpython.ConvoyConfig{Hogs: []int{0, 1}})
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, r := range results {
			fmt.Println(py, r)
		}
	}
}

func ExampleParse() {
	out := []byte(`{"results": [{"name": "count", "strategy": "threads", "workers": 4,
		"params": {"n": 3000000, "tasks": 4}, "samples_s": [0.61, 0.6, 0.63]}]}`)
	results, err := cpython.Parse(out, "cpython")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(results[0])
	// Output: count/cpython-threads workers=4 n=3000000 tasks=4: median 610ms (min 600ms, max 630ms, 3 runs)
}
