package counter_test

import (
	"concurrencylab/kernel-helpers/bench/benchtest"
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

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
					if _, err := counter.Count(b.Context(), s, goroutines, increments); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*goroutines*increments), "ns/increment")
			})
		}
	}
}

// BenchmarkCancelLatency measures Count's promise to return within 100 ms
// of its context's end: each iteration starts a count far too long to
// finish, cancels it 5 ms in, and times from cancel() to Count's return.
// ms-after-cancel is the mean of those times.
func BenchmarkCancelLatency(b *testing.B) {
	for _, goroutines := range []int{runtime.GOMAXPROCS(0), counter.MaxGoroutines} {
		for _, s := range counter.Strategies() {
			if s == counter.Unsafe && raceEnabled {
				continue
			}
			b.Run(fmt.Sprintf("%v/goroutines=%d", s, goroutines), func(b *testing.B) {
				benchtest.CancelLatency(b, 5*time.Millisecond, func(ctx context.Context) error {
					_, err := counter.Count(ctx, s, goroutines, counter.MaxTotal/goroutines)
					return err
				})
			})
		}
	}
}
