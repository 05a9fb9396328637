package unit_test

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"concurrencylab/kernel-helpers/lessons/01-processes/unit"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// TestSpin checks counts, not speed: a Go process has several threads, and
// it used some CPU time.
func TestSpin(t *testing.T) {
	b, err := unit.Spin(t.Context(), 2, 50*time.Millisecond)
	require.NoError(t, err)
	assert.Equal(t, 2, b.Goroutines)
	assert.Greater(t, b.Threads, 1, "the Go runtime runs more than one thread")
	assert.GreaterOrEqual(t, b.Wall, 50*time.Millisecond)
	assert.Positive(t, b.CPU)
	f := b.Figures()
	assert.Equal(t, float64(b.Threads), f["go.threads"])
	assert.Equal(t, float64(runtime.GOMAXPROCS(0)), f["cores"])
	assert.Contains(t, b.String(), "2 busy goroutines")
}

func TestSpinErrors(t *testing.T) {
	for _, tc := range []struct {
		n int
		d time.Duration
	}{{0, time.Millisecond}, {unit.MaxGoroutines + 1, time.Millisecond}, {1, 0}, {1, 2 * unit.MaxSpin}} {
		_, err := unit.Spin(t.Context(), tc.n, tc.d)
		assert.ErrorContains(t, err, "Spin needs", "%d %v", tc.n, tc.d)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := unit.Spin(ctx, 1, 10*time.Millisecond)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestCPUPerWall(t *testing.T) {
	assert.Equal(t, 0.0, unit.Busy{}.CPUPerWall())
	assert.Equal(t, 1.5, unit.Busy{Wall: 2 * time.Second, CPU: 3 * time.Second}.CPUPerWall())
}
