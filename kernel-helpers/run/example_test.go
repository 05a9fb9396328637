package run_test

import (
	"context"
	"errors"
	"fmt"
	"os"

	"concurrencylab/kernel-helpers/run"
	"concurrencylab/kernel-helpers/worker"
)

func ExampleBatch() {
	tasks := run.Work(3, "count", 1000)
	recs, err := run.Batch(context.Background(), run.GoroutinePool(2), tasks)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range recs {
		fmt.Println(r.Task, r.Name, r.Result, r.PID == os.Getpid())
	}
	// Output:
	// 0 count #0 1000 true
	// 1 count #1 1000 true
	// 2 count #2 1000 true
}

func ExampleBatch_processes() {
	tasks := run.Work(4, "sumsqrt", 100)
	recs, err := run.Batch(context.Background(), run.ProcessPool(2), tasks)
	if err != nil {
		fmt.Println(err)
		return
	}
	pids := map[int]bool{}
	for _, r := range recs {
		pids[r.PID] = true
	}
	fmt.Printf("%.4f\n", recs[0].Result)
	fmt.Println("ran in this process:", pids[os.Getpid()])
	// Output:
	// 661.4629
	// ran in this process: false
}

func ExampleBatch_failures() {
	tasks := []run.Task{
		{Name: "fine", Worker: "count", Arg: 10},
		{Name: "crashes", Worker: "exit", Arg: 3},
		{Name: "also fine", Worker: "count", Arg: 20},
	}
	recs, err := run.Batch(context.Background(), run.ProcessPool(1), tasks)
	for _, r := range recs {
		if r.Err != nil {
			fmt.Println(r.Name, "failed")
			continue
		}
		fmt.Println(r.Name, r.Result)
	}
	var crash *worker.CrashError
	if errors.As(err, &crash) {
		fmt.Printf("the worker died running %q: %v\n", crash.Task, crash.Err)
	}
	// Output:
	// fine 10
	// crashes failed
	// also fine 20
	// the worker died running "exit": exit status 3
}

func ExampleStrategies() {
	for _, s := range run.Strategies(4) {
		fmt.Println(s, s.InProcess())
	}
	// Output:
	// sequential true
	// goroutines true
	// goroutine pool (4) true
	// OS threads (4) true
	// GOMAXPROCS-limited (1) true
	// process pool (4) false
	// process per task (4) false
}

// BatchOf gives typed results: an int64 under every strategy, where Batch
// gives an int64 from a Func but a float64 from a worker's JSON.
func ExampleBatchOf() {
	recs, err := run.BatchOf[int64](context.Background(), run.GoroutinePool(2), run.Work(3, "count", 1000))
	if err != nil {
		fmt.Println(err)
		return
	}
	var sum int64
	for _, r := range recs {
		sum += r.Result
	}
	fmt.Println(sum)
	// Output: 3000
}
