package hog_test

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/internal/hog"
)

func TestStart(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc here")
	}
	var pid int
	t.Run("hog", func(t *testing.T) {
		pid = hog.Start(t)
		require.Positive(t, pid)
		require.NoError(t, syscall.Kill(pid, 0), "the hog runs")
		st, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		require.NoError(t, err)
		fields := strings.Fields(string(st[bytes.LastIndexByte(st, ')')+1:])) // state, ppid, …
		require.GreaterOrEqual(t, len(fields), 2)
		assert.NotEqual(t, strconv.Itoa(os.Getpid()), fields[1], "not this test's child")
	})
	// The subtest's cleanup has killed it: gone, or a zombie its new parent
	// has not reaped yet.
	if st, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat"); err == nil {
		assert.Contains(t, string(st), ") Z ", "killed")
	}
}
