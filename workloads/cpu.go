package workloads

import "math"

// CheckEvery is how many loop iterations [CountToWith] and [SumSqrtWith] run
// between two calls of their check function.
//
// Where 4096 comes from: BenchmarkCountTo and BenchmarkSumSqrt measured
// 2.5-3 ns per iteration (ns/iter) on the shared 2-core Xeon this was tuned
// on, so a check comes every 10-12 µs, sooner on faster CPUs. That is
// fine-grained next to CPython's switch interval of 5 ms
// (sys.getswitchinterval()), so an emulated GIL hands over promptly, while
// one function call per 4096 iterations costs well under 1% (compare the
// nil-check and noop-check sub-benchmarks).
const CheckEvery = 4096

// xorshiftSeed is any non-zero start state: xorshift64 maps non-zero states
// to non-zero states, which is what CountTo relies on.
const xorshiftSeed = 0x9E3779B97F4A7C15

// CountTo counts from 0 to n one step at a time, as the tutorials'
// "while i < n: i += 1" loop does, and returns the count: n, or 0 when n <= 0.
//
// A plain counting loop is easy for a compiler to replace by its result, so
// each step also advances a xorshift generator, and the count only grows when
// the generator's state is non-zero. It always is, but the compiler cannot
// prove it, so every iteration must run and each depends on the one before.
//
//go:noinline
func CountTo(n int64) int64 {
	count, _ := countSpan(0, xorshiftSeed, n)
	return count
}

// CountToWith is [CountTo] that calls check after every [CheckEvery]
// iterations, n/CheckEvery times in all. With a nil check it does exactly
// what CountTo does, at the same cost.
//
//go:noinline
func CountToWith(n int64, check func()) int64 {
	if check == nil {
		count, _ := countSpan(0, xorshiftSeed, n)
		return count
	}
	var count int64
	state := uint64(xorshiftSeed)
	// done grows by steps, so it never passes n and cannot overflow.
	for done, steps := int64(0), int64(0); done < n; done += steps {
		steps = min(n-done, CheckEvery)
		count, state = countSpan(count, state, steps)
		if steps == CheckEvery {
			check()
		}
	}
	return count
}

// countSpan runs steps iterations of the counting loop from count and the
// generator state, and returns both so that a caller can run the loop in chunks.
func countSpan(count int64, state uint64, steps int64) (int64, uint64) {
	for i := int64(0); i < steps; i++ {
		state ^= state << 13
		state ^= state >> 7
		state ^= state << 17
		if state != 0 {
			count++
		}
	}
	return count, state
}

// SumSqrt returns the sum of math.Sqrt(i) for i in [0, n), or 0 when n <= 0.
//
// Floating-point addition is not associative, so the compiler must perform
// every addition in order: there is no shortcut and no reordering.
//
//go:noinline
func SumSqrt(n int64) float64 {
	return sqrtSpan(0, 0, n)
}

// SumSqrtWith is [SumSqrt] that calls check after every [CheckEvery]
// iterations, n/CheckEvery times in all. With a nil check it does exactly what
// SumSqrt does, at the same cost, and it returns the same sum bit for bit.
//
//go:noinline
func SumSqrtWith(n int64, check func()) float64 {
	if check == nil {
		return sqrtSpan(0, 0, n)
	}
	var sum float64
	for start, end := int64(0), int64(0); start < n; start = end {
		end = start + min(n-start, CheckEvery)
		sum = sqrtSpan(sum, start, end)
		if end-start == CheckEvery {
			check()
		}
	}
	return sum
}

// sqrtSpan adds math.Sqrt(i) for i in [start, end) to sum.
func sqrtSpan(sum float64, start, end int64) float64 {
	for i := start; i < end; i++ {
		sum += math.Sqrt(float64(i))
	}
	return sum
}
