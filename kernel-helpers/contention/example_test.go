package contention_test

import (
	"fmt"

	"concurrencylab/kernel-helpers/contention"
)

// A verdict taken on a shared machine says so instead of judging.
func ExampleJudge() {
	busy := contention.Sample{Known: true, Cores: 2, Busy: 3, OthersCPU: 1.7, Runnable: 5, Load1: 4.2}
	fmt.Println(contention.Judge([]contention.Sample{busy}, func() string { return "speedup 1.9×: close to the ideal 2×" }))
	quiet := contention.Sample{Known: true, Cores: 2}
	fmt.Println(contention.Judge([]contention.Sample{quiet}, func() string { return "speedup 1.9×: close to the ideal 2×" }))
	// Output:
	// While this ran: 3 other busy processes: 1.7 of 2 cores' worth of CPU; runnable 5, load 4.2, steal 0 %. Speedups here are not reliable; rerun when the machine is quiet.
	// speedup 1.9×: close to the ideal 2×
}

// Measure a piece of work and say what else ran meanwhile.
func ExampleMeasure() {
	s := contention.Measure(func() { /* the timed work */ })
	if s.Shared() {
		fmt.Println(s.Warning())
	}
}
