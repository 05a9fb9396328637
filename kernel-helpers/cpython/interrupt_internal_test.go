//go:build linux

package cpython

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const cellMode = "CONCURRENCYLAB_CPYTHON_CELL"

// TestCellProcess is not a test: run by TestInterruptKillsPython, it
// stands in for a notebook cell that runs a Python program whose own child
// hangs (fake Python in mode "spawn", which writes the child's PID).
func TestCellProcess(t *testing.T) {
	pidFile := os.Getenv(cellMode)
	if pidFile == "" {
		t.Skip("only runs as a fake notebook cell")
	}
	os.Unsetenv(cellMode)
	py := fakePython(t, "spawn", pidFile)
	_, _ = py.Strategies(context.Background(), StrategiesConfig{})
	os.Exit(0)
}

// TestInterruptKillsPython interrupts a cell, as Kernel → Interrupt does
// (SIGINT), while its Python program runs: the cell must end, and Python's
// process group with it, leaving no orphan.
func TestInterruptKillsPython(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "child.pid")
	cell := exec.Command(os.Args[0], "-test.run=^TestCellProcess$")
	cell.Env = append(os.Environ(), cellMode+"="+pidFile)
	require.NoError(t, cell.Start())
	var pid int
	require.Eventually(t, func() bool {
		data, err := os.ReadFile(pidFile)
		if err != nil || len(data) == 0 {
			return false
		}
		pid, err = strconv.Atoi(string(data))
		return err == nil
	}, time.Minute, 20*time.Millisecond, "the fake Python started its child")
	t.Cleanup(func() {
		if alive(pid) { // only after a failure: leave no orphan behind
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	})

	require.NoError(t, cell.Process.Signal(os.Interrupt))
	err := cell.Wait()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, "the interrupted cell ends")
	assert.Eventually(t, func() bool { return !alive(pid) }, 10*time.Second, 20*time.Millisecond,
		"Python's child %d outlived the interrupted cell", pid)
}
