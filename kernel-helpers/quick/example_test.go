package quick_test

import (
	"fmt"
	"os"

	"concurrencylab/kernel-helpers/quick"
)

func ExamplePick() {
	// The notebook tests set the variable; a reader's run leaves it unset.
	// (The example puts back whatever value it found.)
	old, wasSet := os.LookupEnv(quick.Env)
	os.Setenv(quick.Env, "1")
	defer func() {
		if wasSet {
			os.Setenv(quick.Env, old)
		} else {
			os.Unsetenv(quick.Env)
		}
	}()

	n := quick.Pick(50_000_000, 100_000)
	workers := quick.Pick([]int{1, 2, 4, 8}, []int{1, 2})
	fmt.Println(quick.On(), n, workers)
	// Output: true 100000 [1 2]
}
