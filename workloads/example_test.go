package workloads_test

import (
	"fmt"
	"time"

	"concurrencylab/workloads"
)

func ExampleCountTo() {
	fmt.Println(workloads.CountTo(1_000_000))
	fmt.Println(workloads.CountTo(0))
	// Output:
	// 1000000
	// 0
}

func ExampleSumSqrt() {
	// sqrt(0) + sqrt(1) + sqrt(4) + ... : the first 5 terms sum to 6.146...
	fmt.Printf("%.3f\n", workloads.SumSqrt(5))
	// Output: 6.146
}

func ExampleCountToWith() {
	// An emulated GIL passes a check that may hand the lock to another
	// goroutine; here the check only counts how often it was called.
	checks := 0
	n := workloads.CountToWith(10*workloads.CheckEvery, func() { checks++ })
	fmt.Println(n, checks)
	// Output: 40960 10
}

func ExampleCalibrate() {
	// Pick the size that takes about 50 ms on this machine. The answer
	// depends on the machine, so this example has no Output comment.
	n, err := workloads.Calibrate(func(n int64) { workloads.SumSqrt(n) }, 50*time.Millisecond)
	if err != nil {
		fmt.Println(err)
		return
	}
	start := time.Now()
	workloads.SumSqrt(n)
	fmt.Printf("n=%d took %v\n", n, time.Since(start).Round(time.Millisecond))
}
