package latency_test

import (
	"context"
	"fmt"
	"time"

	"concurrencylab/workloads/latency"
)

func ExampleFetchAll() {
	srv, err := latency.Start(latency.Options{Latency: 10 * time.Millisecond, BodySize: 1024})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()

	results, err := latency.FetchAll(context.Background(), srv.URLs(5), 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	total := 0
	for _, r := range results {
		total += r.Bytes
	}
	fmt.Println("pages:", len(results), "bytes:", total, "served:", srv.Served())
	// Output: pages: 5 bytes: 5120 served: 5
}

func ExampleFetchAll_sequentialVersusConcurrent() {
	srv, err := latency.Start(latency.Options{Latency: 50 * time.Millisecond})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()

	// The times depend on the machine, so this example has no Output comment.
	for _, concurrency := range []int{1, 0} {
		start := time.Now()
		if _, err := latency.FetchAll(context.Background(), srv.URLs(20), concurrency); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("concurrency %d: 20 pages in %v\n", concurrency, time.Since(start).Round(time.Millisecond))
	}
}
