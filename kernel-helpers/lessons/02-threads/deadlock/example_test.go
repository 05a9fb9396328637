package deadlock_test

import (
	"context"
	"fmt"
	"time"

	"concurrencylab/kernel-helpers/lessons/02-threads/deadlock"
)

func ExampleRun() {
	r, err := deadlock.Run(context.Background(), 20*time.Millisecond, 300*time.Millisecond)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("same order finished:", r.SameOrder.Finished)
	fmt.Println("opposite orders finished:", r.OppositeOrder.Finished)
	// Output:
	// same order finished: true
	// opposite orders finished: false
}
