package unit_test

import (
	"context"
	"fmt"
	"time"

	"concurrencylab/kernel-helpers/lessons/01-processes/unit"
)

func ExampleSpin() {
	// CPU time depends on the machine and its load: no Output comment.
	b, err := unit.Spin(context.Background(), 2, 100*time.Millisecond)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(b)
}
