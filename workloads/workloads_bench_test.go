package workloads_test

import (
	"testing"

	"concurrencylab/workloads"
)

// benchN is large enough (about 1-3 ms per call) that the per-call overhead
// vanishes from ns/iter, and small enough for many calls per benchmark.
const benchN = 1 << 20

// benchLoop compares the plain loop with the hooked one: a nil check must
// cost nothing, and a no-op check the price of one call per CheckEvery
// iterations.
func benchLoop[T any](b *testing.B, plain func(int64) T, with func(int64, func()) T) {
	cases := []struct {
		name string
		run  func() T
	}{
		{"plain", func() T { return plain(benchN) }},
		{"nil-check", func() T { return with(benchN, nil) }},
		{"noop-check", func() T { return with(benchN, func() {}) }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var sink T
			for b.Loop() {
				sink = c.run()
			}
			_ = sink
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchN, "ns/iter")
		})
	}
}

func BenchmarkCountTo(b *testing.B) {
	benchLoop(b, workloads.CountTo, workloads.CountToWith)
}

func BenchmarkSumSqrt(b *testing.B) {
	benchLoop(b, workloads.SumSqrt, workloads.SumSqrtWith)
}
