package memory_test

import (
	"context"
	"fmt"

	"concurrencylab/kernel-helpers/memory"
)

func ExampleParkThreads() {
	before, err := memory.Self()
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := memory.ParkThreads(50)
	if err != nil {
		fmt.Println(err)
		return
	}
	during, err := memory.Self()
	p.Release()
	if err != nil {
		fmt.Println(err)
		return
	}
	// Thread counts depend on what the runtime had already started, so this
	// example has no Output comment.
	fmt.Printf("threads: %d before, %d with 50 parked on their own threads\n", before.Threads, during.Threads)
}

func ExamplePerGoroutine() {
	perGoroutine, err := memory.PerGoroutine(10_000)
	if err != nil {
		fmt.Println(err)
		return
	}
	perThread, err := memory.PerThread(200)
	if err != nil {
		fmt.Println(err)
		return
	}
	perProcess, err := memory.PerProcess(context.Background(), 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	// The figures depend on the machine and the Go version: no Output comment.
	fmt.Printf("per goroutine: %8.1f KiB\n", perGoroutine/1024)
	fmt.Printf("per thread:    %8.1f KiB\n", perThread/1024)
	fmt.Printf("per process:   %8.1f KiB\n", perProcess/1024)
}
