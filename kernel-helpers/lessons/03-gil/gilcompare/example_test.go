package gilcompare_test

import (
	"context"
	"fmt"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/lessons/03-gil/gilcompare"
)

func ExampleSpeedups() {
	ms := func(d ...time.Duration) []time.Duration {
		for i := range d {
			d[i] *= time.Millisecond
		}
		return d
	}
	results := []bench.Result{
		{Strategy: gilcompare.Sequential, Samples: ms(400)},
		{Strategy: gilcompare.Goroutines, Workers: 4, Samples: ms(200)},
		{Strategy: gilcompare.GILThreads, Workers: 4, Samples: ms(410)},
		{Strategy: "cpython-sequential", Samples: ms(600)},
		{Strategy: "cpython-threads", Workers: 4, Samples: ms(620)},
	}
	for _, s := range gilcompare.Speedups(results) {
		fmt.Printf("%s over %s: %.2f×\n", s.Strategy, s.Baseline, s.X)
	}
	// Output:
	// goroutines over sequential: 2.00×
	// GIL threads over sequential: 0.98×
	// cpython-threads over cpython-sequential: 0.97×
}

func ExampleTurns() {
	// Timings differ from run to run, so there is no Output comment.
	schedules, err := gilcompare.Turns(context.Background(), gilcompare.TurnsConfig{
		Modes: []string{gilcompare.GILThreads, gilcompare.MaxProcs1},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range schedules {
		fmt.Printf("%s: %d turns, median %v, overlap %v\n", s.Mode, len(s.Turns()), s.MedianTurn(), s.Overlap())
	}
	fmt.Println(gilcompare.TurnsVerdict(schedules))
}

func ExampleConvoy() {
	// Timings differ from run to run, so there is no Output comment.
	results, err := gilcompare.Convoy(context.Background(), gilcompare.ConvoyConfig{Hogs: []int{1}, Python: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range results {
		fmt.Println(r)
	}
	fmt.Println(gilcompare.ConvoyVerdict(results))
}
