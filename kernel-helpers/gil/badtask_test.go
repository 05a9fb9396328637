package gil_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/gil"
)

// A task made with a negative or NaN value runs nothing and Run returns
// its error, naming the task and the value.
func TestBadTaskValues(t *testing.T) {
	for _, tc := range []struct {
		name string
		task gil.Task
		want string
	}{
		{"CountTask negative", gil.CountTask(-1), "CountTask: n -1 must be 0 or more"},
		{"SumSqrtTask negative", gil.SumSqrtTask(-5), "SumSqrtTask: n -5 must be 0 or more"},
		{"SleepTask negative", gil.SleepTask(-time.Millisecond), "SleepTask: duration -1ms must be 0 or more"},
		{"SleepTask NaN", gil.SleepTask(time.Duration(math.MinInt64)), "SleepTask: duration -2562047h47m16.854775808s must be 0 or more"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := gil.New().Run(context.Background(), gil.CountTask(10), tc.task)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "task 1: gil: "+tc.want)
			assert.NotContains(t, err.Error(), "task 0")
		})
	}
}

// Zero is a task that does nothing, not an error.
func TestZeroTaskValues(t *testing.T) {
	_, err := gil.New().Run(context.Background(), gil.CountTask(0), gil.SumSqrtTask(0), gil.SleepTask(0))
	assert.NoError(t, err)
}

// A long sleep ends when Run's context does, instead of holding Run.
func TestSleepTaskEndsWithContext(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := gil.New().Run(ctx, gil.SleepTask(time.Hour))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 5*time.Second)
}
