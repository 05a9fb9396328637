package asyncio_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/asyncio"
	"concurrencylab/workloads/latency"
)

// asyncio.gather(fetch(a), fetch(b), fetch(c)) in Go: three tasks at once,
// results in the order asked.
func ExampleTaskGroup() {
	square := func(n int) func(context.Context) (int, error) {
		return func(context.Context) (int, error) { return n * n, nil }
	}
	results, err := asyncio.TaskGroup(context.Background(), square(1), square(2), square(3))
	fmt.Println(results, err)
	// Output: [1 4 9] <nil>
}

// Two replicas of one page; the faster answer wins and the slower request
// is cancelled.
func ExampleFirst() {
	srv, err := latency.Start(latency.Options{BodySize: 5})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	tasks := asyncio.Fetches(srv.Client(), []string{srv.URL(0) + "?ms=2000", srv.URL(1) + "?ms=10"})
	i, n, err := asyncio.First(context.Background(), tasks...)
	fmt.Println("replica", i, "sent", n, "bytes; error:", err)
	// Output: replica 1 sent 5 bytes; error: <nil>
}

// A page that takes a second, with a timeout of 20 ms.
func ExampleWaitFor() {
	srv, err := latency.Start(latency.Options{Latency: time.Second})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	fetch := asyncio.Fetches(srv.Client(), []string{srv.URL(0)})[0]
	_, err = asyncio.WaitFor(context.Background(), 20*time.Millisecond, fetch)
	fmt.Println(strings.HasSuffix(err.Error(), "context deadline exceeded"))
	// Output: true
}

// The code a notebook shows is the code it runs.
func ExampleSource() {
	src, err := asyncio.Source("WaitFor")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Split(src, "\n")[0])
	// Output: // WaitFor runs task with a deadline timeout from now, like
}

// Timing-dependent: no Output comment.
func ExampleSweepLimits() {
	s, err := asyncio.SweepLimits(context.Background(), asyncio.SweepOptions{
		Pages: 20, Latency: 20 * time.Millisecond, Limits: []int{1, 5, 20}, Reps: 3})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Markdown())
}
