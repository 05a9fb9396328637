package exercises

import (
	"math"
	"time"

	"concurrencylab/kernel-helpers/exercise"
)

// SumFunc sums math.Sqrt(i) for i in [0, n) on workers goroutines.
type SumFunc = func(n int64, workers int) float64

// ParallelSum checks a sum of square roots split over goroutines: the
// answer must be the sequential one, and the race detector must see no
// goroutines writing one total at once.
var ParallelSum = &exercise.Exercise[SumFunc]{
	ID: "00-parallel-sum", Title: "split a sum over goroutines", Race: true, Timeout: 20 * time.Second,
	Test: func(t *exercise.T, f SumFunc) {
		for _, n := range []int64{10, 1000, 100_003} {
			want := 0.0
			for i := range n {
				want += math.Sqrt(float64(i))
			}
			for _, w := range []int{1, 2, 3, 7} {
				got := f(n, w)
				if math.Abs(got-want) > 1e-9*want {
					hint := ""
					if got < want {
						hint = " Too small: does every goroutine's part get added, and does the function wait for all of them (sync.WaitGroup) before it returns?"
					}
					t.Fail("parallelSum(%d, %d) = %.6g, want %.6g.%s", n, w, got, want, hint)
				}
			}
		}
		t.Passed("the right sum for 3 sizes on 1, 2, 3 and 7 goroutines, and no data race.")
	},
}
