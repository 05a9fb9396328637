package futures_test

import (
	"context"
	"fmt"

	"concurrencylab/kernel-helpers/futures"
)

func ExampleSubmit() {
	pool, err := futures.NewGoroutinePool(4)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer pool.Close()

	ctx := context.Background()
	var futs []*futures.Future[int]
	for i := range 5 {
		futs = append(futs, futures.Submit(ctx, pool, func(context.Context) (int, error) {
			return i * i, nil
		}))
	}
	squares, err := futures.Wait(futs...)
	fmt.Println(squares, err)
	// Output: [0 1 4 9 16] <nil>
}

func ExampleAsCompleted() {
	pool, err := futures.NewGoroutinePool(3)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer pool.Close()

	ctx := context.Background()
	words := []string{"process", "thread", "goroutine"}
	var futs []*futures.Future[int]
	for _, w := range words {
		futs = append(futs, futures.Submit(ctx, pool, func(context.Context) (int, error) {
			return len(w), nil
		}))
	}
	// The tasks finish in whatever order the scheduler lets them.
	for i, f := range futures.AsCompleted(ctx, futs) {
		n, err := f.Wait()
		fmt.Println(words[i], n, err)
	}
	// Unordered output:
	// process 7 <nil>
	// thread 6 <nil>
	// goroutine 9 <nil>
}

func ExampleSubmitTask() {
	// The workers are copies of this program; "sumsqrt" is a task that
	// package worker registers in every program.
	pool, err := futures.NewProcessPool(context.Background(), 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer pool.Close()

	ctx := context.Background()
	sum := futures.SubmitTask[float64](ctx, pool, "sumsqrt", 5)
	v, err := sum.Wait()
	fmt.Printf("%.3f %v\n", v, err)
	// Output: 6.146 <nil>
}
