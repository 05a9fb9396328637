package bench_test

import (
	"context"
	"fmt"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/workloads"
)

func ExampleRun() {
	r, err := bench.Run(context.Background(), bench.Options{
		Name:     "sumsqrt",
		Strategy: "sequential",
		Params:   map[string]string{"n": "1000000"},
		Reps:     3,
	}, func() error {
		workloads.SumSqrt(1_000_000)
		return nil
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// The times depend on the machine; how many there are does not.
	fmt.Println(len(r.Samples), "samples")
	// Output: 3 samples
}

func ExampleSpeedup() {
	seq := bench.Result{Strategy: "sequential", Samples: []time.Duration{40 * time.Millisecond, 42 * time.Millisecond, 41 * time.Millisecond}}
	par := bench.Result{Strategy: "goroutines", Workers: 2, Samples: []time.Duration{21 * time.Millisecond, 20 * time.Millisecond, 22 * time.Millisecond}}
	fmt.Println(par)
	fmt.Printf("speedup %.2fx\n", bench.Speedup(seq, par))
	// Output:
	// goroutines workers=2: median 21ms (min 20ms, max 22ms, 3 runs)
	// speedup 1.95x
}

func ExampleMachine() {
	// Printed above every table of timings; no Output comment, since it
	// describes whichever machine runs it.
	fmt.Println(bench.Machine())
}

func ExampleMachineInfo_Markdown() {
	m := bench.MachineInfo{CPU: "Apple M2", LogicalCores: 8, GOMAXPROCS: 8, GoVersion: "go1.26.8", OS: "darwin", Arch: "arm64"}
	fmt.Print(m.Markdown())
	// Output:
	// | Machine | |
	// |---|---|
	// | CPU | Apple M2 |
	// | Logical cores | 8 |
	// | GOMAXPROCS | 8 |
	// | Go | go1.26.8 |
	// | OS/arch | darwin/arm64 |
}
