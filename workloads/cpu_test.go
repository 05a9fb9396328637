package workloads_test

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/workloads"
)

// closedSqrt is the plain loop SumSqrt must agree with.
func closedSqrt(n int64) float64 {
	var sum float64
	for i := int64(0); i < n; i++ {
		sum += math.Sqrt(float64(i))
	}
	return sum
}

func TestCountTo(t *testing.T) {
	for _, n := range []int64{-5, 0, 1, 2, 7, workloads.CheckEvery - 1, workloads.CheckEvery, workloads.CheckEvery + 1, 3*workloads.CheckEvery + 17, 1_000_000} {
		want := max(n, 0)
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			assert.Equal(t, want, workloads.CountTo(n), "CountTo")
			assert.Equal(t, want, workloads.CountToWith(n, nil), "CountToWith nil")
			assert.Equal(t, want, workloads.CountToWith(n, func() {}), "CountToWith noop")
		})
	}
}

func TestSumSqrt(t *testing.T) {
	tests := []struct {
		n    int64
		want float64
	}{
		{n: -3, want: 0},
		{n: 0, want: 0},
		{n: 1, want: 0}, // sqrt(0)
		{n: 2, want: 1}, // sqrt(0)+sqrt(1)
		{n: 5, want: 1 + math.Sqrt2 + math.Sqrt(3) + 2}, // up to sqrt(4)
		{n: workloads.CheckEvery + 5, want: closedSqrt(workloads.CheckEvery + 5)},
		{n: 100_000, want: closedSqrt(100_000)},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.n), func(t *testing.T) {
			got := workloads.SumSqrt(tt.n)
			assert.InDelta(t, tt.want, got, 1e-9*max(1, tt.want), "SumSqrt")
			// Same additions in the same order: the results agree bit for bit.
			assert.Equal(t, got, workloads.SumSqrtWith(tt.n, nil), "SumSqrtWith nil")
			assert.Equal(t, got, workloads.SumSqrtWith(tt.n, func() {}), "SumSqrtWith noop")
		})
	}
}

func TestWithCallsCheckEveryCheckEvery(t *testing.T) {
	const c = workloads.CheckEvery
	for _, n := range []int64{-1, 0, 1, c - 1, c, c + 1, 2 * c, 5*c + 3} {
		want := int(max(n, 0) / c)
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			calls := 0
			workloads.CountToWith(n, func() { calls++ })
			assert.Equal(t, want, calls, "CountToWith")

			calls = 0
			workloads.SumSqrtWith(n, func() { calls++ })
			assert.Equal(t, want, calls, "SumSqrtWith")
		})
	}
}

// TestWithChecksDuringTheWork checks that the calls are spread through the
// loop, not bunched at its end: an emulated GIL relies on that to hand over.
func TestWithChecksDuringTheWork(t *testing.T) {
	const n = 10 * workloads.CheckEvery
	var sums []float64
	// Each check sees the loop's progress through a second, shorter sum:
	// the k-th call must come after exactly k*CheckEvery iterations.
	calls := int64(0)
	workloads.SumSqrtWith(n, func() {
		calls++
		sums = append(sums, workloads.SumSqrt(calls*workloads.CheckEvery))
	})
	require.Len(t, sums, 10)
	for k := 1; k < len(sums); k++ {
		assert.Greater(t, sums[k], sums[k-1], "check %d", k)
	}
}

// minTime runs f reps times and returns the fastest run: the one least
// disturbed by other programs sharing the machine.
func minTime(reps int, f func()) time.Duration {
	best := time.Duration(math.MaxInt64)
	for range reps {
		start := time.Now()
		f()
		best = min(best, time.Since(start))
	}
	return best
}

// TestWorkIsDone shows the loops run: 16 times the iterations must take
// clearly longer. Were the loop deleted or replaced by a formula, both sizes
// would take the same few nanoseconds and the ratio would be near 1. The
// bound of 4 (not 16) leaves room for a noisy shared machine.
func TestWorkIsDone(t *testing.T) {
	const n = 1 << 16 // about 0.1 ms per call at 1-2 ns per iteration
	tasks := []struct {
		name string
		f    func(n int64)
	}{
		//lint:ignore SA4017 the count is the work; CountTo is go:noinline, so the call stays
		{"CountTo", func(n int64) { workloads.CountTo(n) }},
		{"SumSqrt", func(n int64) { workloads.SumSqrt(n) }},
		{"CountToWith/nil", func(n int64) { workloads.CountToWith(n, nil) }},
		{"SumSqrtWith/nil", func(n int64) { workloads.SumSqrtWith(n, nil) }},
	}
	for _, task := range tasks {
		t.Run(task.name, func(t *testing.T) {
			small := minTime(15, func() { task.f(n) })
			large := minTime(15, func() { task.f(16 * n) })
			require.Positive(t, small)
			ratio := float64(large) / float64(small)
			t.Logf("n=%d: %v, 16n: %v, ratio %.1f", n, small, large, ratio)
			assert.GreaterOrEqual(t, ratio, 4.0, "16x the work took only %.1fx the time", ratio)
		})
	}
}
