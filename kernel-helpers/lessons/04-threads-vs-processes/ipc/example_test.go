package ipc_test

import (
	"context"
	"fmt"

	"concurrencylab/kernel-helpers/lessons/04-threads-vs-processes/ipc"
)

// Round trips of 16 bytes and of 1 MiB. Timing-dependent: no Output.
func ExampleVerdict() {
	points, err := ipc.Measure(context.Background(), []int{16, 1 << 20}, 3)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ipc.Verdict(points))
}
