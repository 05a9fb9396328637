package decide_test

import (
	"fmt"
	"time"

	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/decide"
)

// Two rows from figures a notebook measured: the first picks the cheaper
// candidate, the second backs a fixed recommendation.
func ExampleRows() {
	rows, err := decide.Rows([]decide.Entry{
		decide.Pick("10000 tasks wait for I/O at once", "memory per waiter",
			decide.Size("goroutines", 2600), decide.Size("an OS thread each", 17900)),
		decide.Fact("context.WithTimeout", "a wait must end by a deadline",
			decide.Dur("deadline", 50*time.Millisecond), decide.Dur("gave up after", 50700*time.Microsecond)).Confirmed(true),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rows {
		fmt.Printf("use %s when %s: %s\n", r[0], r[1], r[2])
	}
	// Output:
	// use goroutines when 10000 tasks wait for I/O at once: memory per waiter: goroutines 2.54 KiB, an OS thread each 17.5 KiB (next best: 6.88× as much)
	// use context.WithTimeout when a wait must end by a deadline: deadline 50ms, gave up after 50.7ms
}
