package strategies_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/lessons/04-threads-vs-processes/strategies"
)

// Bad arguments fail before anything runs, with the argument named.
func TestBoundsBeforeAnythingRuns(t *testing.T) {
	ctx := context.Background()
	nan := time.Duration(math.MinInt64)
	ms := time.Millisecond
	pair := func(f func(context.Context, int64, time.Duration, int, int) error) func(int64, time.Duration, int, int) error {
		return func(n int64, target time.Duration, cores, reps int) error { return f(ctx, n, target, cores, reps) }
	}
	oneTwoFour := pair(func(ctx context.Context, n int64, d time.Duration, c, r int) error {
		_, err := strategies.OneTwoFour(ctx, nil, n, d, c, r)
		return err
	})
	perCore := pair(func(ctx context.Context, n int64, d time.Duration, c, r int) error {
		_, err := strategies.PerCore(ctx, nil, n, d, c, r)
		return err
	})
	ten := pair(func(ctx context.Context, n int64, d time.Duration, c, r int) error {
		_, _, err := strategies.Ten(ctx, nil, n, d, c, r)
		return err
	})
	scale := func(total int64, workers []int, cores int) error {
		_, err := strategies.Scale(ctx, strategies.Sweep{Task: "count", Total: total, Workers: workers, Kinds: []strategies.Kind{strategies.Goroutines}, Reps: 1}, cores)
		return err
	}
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"OneTwoFour goTotal", oneTwoFour(0, ms, 1, 1), "OneTwoFour: goTotal 0 must be positive"},
		{"OneTwoFour target NaN", oneTwoFour(100, nan, 1, 1), "OneTwoFour: target -2562047h47m16.854775808s is outside (0, 1m0s]"},
		{"OneTwoFour cores", oneTwoFour(100, ms, 0, 1), "OneTwoFour: cores 0 is outside [1, 1024]"},
		{"OneTwoFour reps", oneTwoFour(100, ms, 1, 101), "OneTwoFour: reps 101 is outside [0 (for 5), 100]"},
		{"PerCore goN", perCore(-1, ms, 1, 1), "PerCore: goN -1 must be positive"},
		{"PerCore overflow", perCore(math.MaxInt64/2, ms, 4, 1), "does not fit in an int64"},
		{"Ten target", ten(100, time.Hour, 1, 1), "Ten: target 1h0m0s is outside"},
		{"Ten cores", ten(100, ms, 1<<40, 1), "Ten: cores 1099511627776 is outside"},
		{"Scale no workers", scale(1<<62, nil, 1), "Scale: no worker counts"},
		{"Scale total", scale(0, []int{1}, 1), "Scale: total 0 must be positive"},
		{"Scale workers", scale(2, []int{3}, 1), "Scale: 3 workers cannot share 2 iterations"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Error(t, tc.err)
			assert.Contains(t, tc.err.Error(), tc.want)
		})
	}
	_, err := strategies.OneTwoFour(nil, nil, 1, ms, 1, 1) //nolint:staticcheck // the bad input tested
	assert.ErrorContains(t, err, "OneTwoFour needs a context")
}
