package datarace_test

import (
	"concurrencylab/kernel-helpers/bench/benchtest"
	"testing"
	"time"
)

// BenchmarkCancelLatency measures the promise that every counting function
// returns within 100 ms of its context's end: each iteration cancels a run
// far too long to finish 5 ms after it started, and times cancel() to the
// return. ms-after-cancel is the mean.
func BenchmarkCancelLatency(b *testing.B) {
	for _, c := range cancellable {
		if c.racy && raceEnabled {
			continue
		}
		b.Run(c.name, func(b *testing.B) { benchtest.CancelLatency(b, 5*time.Millisecond, c.call) })
	}
}
