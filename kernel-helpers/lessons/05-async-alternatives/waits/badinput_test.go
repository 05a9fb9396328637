package waits_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/waits"
)

// Sweep checks every count before the first run: a bad count at the end
// used to cost the runs before it (here a minute's wait).
func TestSweepChecksEveryCountFirst(t *testing.T) {
	start := time.Now()
	_, err := waits.Sweep(context.Background(), []int{1, waits.MaxGoroutines + 1}, time.Minute)
	assert.ErrorContains(t, err, "1000001 waiters is outside [1, 1000000] (count 2 of the sweep)")
	assert.Less(t, time.Since(start), 10*time.Second, "nothing ran")
}
