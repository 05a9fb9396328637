package contention

import (
	"os"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/internal/hog"
)

func TestHogsBesideAMeasurement(t *testing.T) {
	if _, err := os.Stat("/proc/stat"); err != nil {
		t.Skip("no /proc here")
	}
	hogs := []int{hog.Start(t), hog.Start(t)}
	time.Sleep(100 * time.Millisecond) // let them start spinning

	s := Measure(func() {
		// The measurement: a little CPU work of our own, 0.5 s in all.
		end := time.Now().Add(500 * time.Millisecond)
		for time.Now().Before(end) {
		}
	})
	require.True(t, s.Known)
	for _, h := range hogs {
		assert.True(t, slices.Contains(s.busyPIDs, h), "hog %d is counted busy: %v", h, s)
	}
	assert.GreaterOrEqual(t, s.Busy, 2)
	assert.True(t, s.Shared())
	assert.Contains(t, s.Warning(), "rerun when the machine is quiet")
	seen, ok := Seen()
	require.True(t, ok)
	assert.True(t, seen.Shared(), "Seen keeps the worst sample")
	t.Log(s.Warning())
}

func TestQuietMachine(t *testing.T) {
	if _, err := os.Stat("/proc/stat"); err != nil {
		t.Skip("no /proc here")
	}
	// Quiet can only be checked when the machine is: look first.
	s := Measure(func() { time.Sleep(300 * time.Millisecond) })
	if s.Shared() {
		t.Skipf("the machine is not quiet now, so quiet cannot be checked: %s", s)
	}
	assert.Equal(t, 0, s.Busy)
	assert.Equal(t, "", s.Warning())
	assert.Equal(t, "fine", Judge([]Sample{s}, func() string { return "fine" }))
}
