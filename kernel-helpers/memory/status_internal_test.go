package memory

import (
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseStatus(t *testing.T) {
	tests := []struct {
		name    string
		status  string
		want    Usage
		wantErr bool
	}{
		{
			name:   "running process",
			status: "Name:\tworker\nUmask:\t0022\nState:\tS (sleeping)\nPid:\t42\nPPid:\t7\nVmRSS:\t    2176 kB\nThreads:\t5\n",
			want:   Usage{PID: 42, PPID: 7, Name: "worker", RSS: 2176 * 1024, Threads: 5},
		},
		{
			name:   "zombie has no VmRSS",
			status: "Name:\tworker\nState:\tZ (zombie)\nPid:\t43\nPPid:\t7\nThreads:\t1\n",
			want:   Usage{PID: 43, PPID: 7, Name: "worker", Threads: 1},
		},
		{name: "missing Threads", status: "Name:\tx\nPid:\t1\nPPid:\t0\n", wantErr: true},
		{name: "bad number", status: "Name:\tx\nPid:\tone\nPPid:\t0\nThreads:\t1\n", wantErr: true},
		{name: "unexpected unit", status: "Name:\tx\nPid:\t1\nPPid:\t0\nThreads:\t1\nVmRSS:\t3 MB\n", wantErr: true},
		{name: "empty", status: "", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseStatus([]byte(tt.status))
			if tt.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestScanForChildrenAgreesWithChildrenFiles(t *testing.T) {
	// Two idle children of this test binary (see TestMain in memory_test.go).
	for range 2 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "MEMORY_TEST_HELPER=1", "GORACE=atexit_sleep_ms=0")
		stdin, err := cmd.StdinPipe()
		require.NoError(t, err)
		require.NoError(t, cmd.Start())
		t.Cleanup(func() {
			_ = stdin.Close()
			_ = cmd.Wait()
		})
	}
	fromFiles, err := childPIDs(os.Getpid())
	require.NoError(t, err)
	fromScan, err := scanForChildren(os.Getpid())
	require.NoError(t, err)
	assert.Len(t, fromFiles, 2)
	assert.Equal(t, fromScan, fromFiles)
}
