package memory_test

import (
	"math"
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/memory"
)

func TestPrivateOfSelf(t *testing.T) {
	p, err := memory.PrivateOf(os.Getpid())
	require.NoError(t, err)
	assert.Equal(t, os.Getpid(), p.PID)
	assert.Positive(t, p.RssAnon)
	assert.Positive(t, p.RssFile)
	assert.LessOrEqual(t, p.RssAnon+p.RssFile, p.RSS+4096, "anonymous and file pages are parts of RSS (shmem is the rest)")
	if !p.Rollup {
		t.Skip("no smaps_rollup here (Linux before 4.14)")
	}
	assert.Positive(t, p.USS)
	assert.LessOrEqual(t, p.USS, p.PSS, "a private page counts whole in the PSS too")
	assert.LessOrEqual(t, p.PSS, p.RSS+4096, "PSS never exceeds RSS (the two files are read a moment apart)")
}

// TestPrivateOfBadPID: a pid that is not positive, that no process can
// have, or whose process is gone, gives an error that says so and names no
// path.
func TestPrivateOfBadPID(t *testing.T) {
	gone := exec.Command(os.Args[0], "-test.run=^$")
	require.NoError(t, gone.Run())
	for _, tc := range []struct {
		name string
		pid  int
		want string
	}{
		{"zero", 0, "memory: invalid pid 0: a process ID is a positive number"},
		{"negative", -1, "memory: invalid pid -1"},
		{"most negative", math.MinInt, "invalid pid"},
		{"past pid_max", 1 << 30, "memory: no process 1073741824 (it has exited"},
		{"largest", math.MaxInt, "no process"},
		{"exited and reaped", gone.Process.Pid, "no process"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := memory.PrivateOf(tc.pid)
			require.Error(t, err)
			assert.Equal(t, memory.Private{}, p)
			assert.Contains(t, err.Error(), tc.want)
			assert.NotContains(t, err.Error(), "/proc", "no path in an error")
			_, err = memory.Of(tc.pid)
			require.Error(t, err, "Of reads the same file the same way")
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestPrivatePerThread(t *testing.T) {
	b, err := memory.PrivatePerThread(50)
	require.NoError(t, err)
	assert.Positive(t, b)
	_, err = memory.PrivatePerThread(0)
	assert.ErrorContains(t, err, "cannot park 0 threads")
}

func TestPrivatePerProcess(t *testing.T) {
	p, err := memory.PrivatePerProcess(t.Context(), 2)
	require.NoError(t, err)
	assert.True(t, p.Rollup)
	assert.Zero(t, p.PID, "an average of several processes")
	assert.Positive(t, p.USS)
	assert.Less(t, p.USS, p.RSS, "two copies of one binary share its code")
	assert.LessOrEqual(t, p.PSS, p.RSS)
	assert.Positive(t, p.RssFile)
	for _, n := range []int{0, -1, memory.MaxProcesses + 1} {
		_, err := memory.PrivatePerProcess(t.Context(), n)
		assert.ErrorContains(t, err, "cannot start")
	}
	_, err = memory.PrivatePerProcess(nil, 1) //nolint:staticcheck // a nil context must be an error
	assert.ErrorContains(t, err, "needs a context")
}
