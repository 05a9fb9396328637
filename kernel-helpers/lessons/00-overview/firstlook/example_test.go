package firstlook_test

import (
	"fmt"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/lessons/00-overview/firstlook"
)

// Made-up results: two tasks one after another in 100 ms, on two
// goroutines in 98 ms, with GOMAXPROCS=1 set by the reader.
func ExampleOnePerCore() {
	ms := func(workers int, d time.Duration) bench.Result {
		return bench.Result{Name: firstlook.Name, Workers: workers, Samples: []time.Duration{d * time.Millisecond}}
	}
	fmt.Println(firstlook.OnePerCore(ms(1, 100), ms(2, 98), bench.Cores{GOMAXPROCS: 1, NumCPU: 2, FromEnv: true}))
	// Output:
	// Tutorial 001 (`001_c15645a1bbb281df.txt`) ran os.cpu_count() = 16 tasks one after another in 5.17 s and one per process in 0.425 s: 12.2× on its 16 CPUs, 76 % of the ideal 16×. Here, in Go, speedup 1.02× with 2 goroutines, GOMAXPROCS=1 (2 logical CPUs): 102 % of the ideal 1× (Go runs at most 1 at once; the others take turns), close to it. GOMAXPROCS was set to 1 (the GOMAXPROCS variable), below the 2 logical CPUs: with all 2, the ideal would be 2×.
}
