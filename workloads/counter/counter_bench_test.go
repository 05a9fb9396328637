package counter_test

import (
	"fmt"
	"runtime"
	"testing"

	"concurrencylab/workloads/counter"
)

// BenchmarkCount measures what an increment costs under each strategy, with
// one goroutine and with one per core, where the fixes also pay for
// contention: cores handing the count's cache line (or the mutex) back and
// forth. ns/increment is the figure to compare.
func BenchmarkCount(b *testing.B) {
	const increments = 100_000
	for _, goroutines := range []int{1, runtime.GOMAXPROCS(0)} {
		for _, s := range counter.Strategies() {
			if s == counter.Unsafe && raceEnabled {
				continue
			}
			b.Run(fmt.Sprintf("%v/goroutines=%d", s, goroutines), func(b *testing.B) {
				for b.Loop() {
					if _, err := counter.Count(s, goroutines, increments); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*goroutines*increments), "ns/increment")
			})
		}
	}
}
