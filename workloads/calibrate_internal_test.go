package workloads

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeTask returns a task whose run "takes" cost(n) on a fake clock, the
// since function that reads that clock, and a pointer to the call count.
func fakeTask(cost func(n int64) time.Duration) (func(int64), func(time.Time) time.Duration, *int) {
	var last time.Duration
	calls := 0
	task := func(n int64) {
		calls++
		last = cost(n)
	}
	since := func(time.Time) time.Duration { return last }
	return task, since, &calls
}

func TestCalibrateFakeClock(t *testing.T) {
	linear := func(per time.Duration) func(int64) time.Duration {
		return func(n int64) time.Duration { return time.Duration(n) * per }
	}
	tests := []struct {
		name      string
		cost      func(int64) time.Duration
		target    time.Duration
		want      int64
		wantCalls int
	}{
		// 1 µs per unit: doubling reaches 2^18 µs = 262 ms >= the 200 ms
		// probe cap after 19 calls (n = 1 .. 2^18), then 2 more runs.
		{"1us per unit, 1s", linear(time.Microsecond), time.Second, 1_000_000, 19 + 2},
		// target/4 = 25 ms is below the cap: 2^15 µs = 32.8 ms is the first
		// size over it, after 16 calls.
		{"1us per unit, 100ms", linear(time.Microsecond), 100 * time.Millisecond, 100_000, 16 + 2},
		// 2^28 ns = 268 ms is the first power of two past 200 ms: 29 calls.
		{"1ns per unit, 10s", linear(time.Nanosecond), 10 * time.Second, 10_000_000_000, 29 + 2},
		// task(1) alone takes 5 s, far past the probe: run once, return 1.
		{"too slow even for n=1", linear(5 * time.Second), time.Millisecond, 1, 1},
		// task(1) takes 60 ms, past the 25 ms probe but under 4 probes: it
		// is rerun, and 100/60 rounds down to n=1.
		{"n=1 near target", linear(60 * time.Millisecond), 100 * time.Millisecond, 1, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			task, since, calls := fakeTask(tt.cost)
			n, err := calibrate(task, tt.target, since)
			require.NoError(t, err)
			assert.Equal(t, tt.want, n)
			assert.Equal(t, tt.wantCalls, *calls, "calls")
		})
	}
}

func TestCalibrateKeepsFastestRun(t *testing.T) {
	// Runs at the probe size take 400, 200 and 300 ms: the 200 ms one counts.
	var last time.Duration
	slowRuns := []time.Duration{400 * time.Millisecond, 200 * time.Millisecond, 300 * time.Millisecond}
	task := func(n int64) {
		if n < 1024 {
			last = 0
			return
		}
		last, slowRuns = slowRuns[0], slowRuns[1:]
	}
	n, err := calibrate(task, 2*time.Second, func(time.Time) time.Duration { return last })
	require.NoError(t, err)
	assert.Equal(t, int64(1024*10), n, "1024 units in 200 ms scale to 10x for 2 s")
	assert.Empty(t, slowRuns, "all three probe runs used")
}

func TestCalibrateTimeDoesNotGrow(t *testing.T) {
	task, since, calls := fakeTask(func(int64) time.Duration { return time.Microsecond })
	_, err := calibrate(task, time.Second, since)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "does not grow")
	assert.Equal(t, 53, *calls, "n = 1 .. 2^52, then it gives up")
}
