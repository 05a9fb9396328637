package heartbeat_test

import (
	"context"
	"fmt"
	"time"

	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/heartbeat"
	"concurrencylab/workloads"
)

// The same heartbeat and hog, on an asyncio-style loop and on goroutines.
// Timing-dependent, so there is no Output comment.
func ExampleVerdict() {
	n, err := workloads.Calibrate(func(n int64) { workloads.SumSqrt(n) }, 100*time.Millisecond)
	if err != nil {
		fmt.Println(err)
		return
	}
	opts := heartbeat.Options{Interval: 5 * time.Millisecond, Ticks: 40, HogAfter: 20 * time.Millisecond, HogN: n}
	loop, err := heartbeat.OnEventLoop(context.Background(), opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	goroutines, err := heartbeat.OnGoroutines(context.Background(), opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(heartbeat.Verdict(loop, goroutines))
}
