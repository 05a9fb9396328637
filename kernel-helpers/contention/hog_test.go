package contention

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// helperEnv selects a helper role for the test binary: "launcher" starts a
// hog in a new session and exits at once, so the hog is not this test's
// descendant (another program, as a neighbour's would be); "hog" prints its
// PID on the pipe it inherited and spins.
const helperEnv = "CONTENTION_TEST_HELPER"

// hogLife bounds a hog's life, whatever happens to the test.
const hogLife = 20 * time.Second

func TestHelperProcess(t *testing.T) {
	switch os.Getenv(helperEnv) {
	case "launcher":
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
		cmd.Env = append(os.Environ(), helperEnv+"=hog")
		cmd.Stdout = os.Stdout // the test reads the hog's PID from it
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
		if err := cmd.Start(); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		os.Exit(0)
	case "hog":
		// Say it is spinning (on the pipe the launcher passed on), then spin.
		fmt.Println(os.Getpid())
		os.Stdout.Close()
		end := time.Now().Add(hogLife)
		for n := 0; time.Now().Before(end); n++ {
		}
		os.Exit(0)
	}
}

// startHog starts a CPU hog that is not a descendant of this test and
// returns its PID; the test's cleanup kills it.
func startHog(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperEnv+"=launcher")
	r, w, err := os.Pipe()
	require.NoError(t, err)
	defer r.Close()
	cmd.Stdout = w
	err = cmd.Start()
	w.Close()
	require.NoError(t, err)
	require.NoError(t, cmd.Wait())
	require.NoError(t, r.SetReadDeadline(time.Now().Add(30*time.Second)))
	line, _ := bufio.NewReader(r).ReadString('\n')
	pid, err := strconv.Atoi(line[:max(0, len(line)-1)])
	require.NoError(t, err, "launcher said %q", line)
	t.Cleanup(func() {
		_ = syscall.Kill(pid, syscall.SIGKILL)
		// Wait until it is gone (its new parent reaps it), bounded.
		for i := 0; i < 100 && syscall.Kill(pid, 0) == nil; i++ {
			if st, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid)); err != nil || len(st) == 0 {
				break
			} else if p, err := parseProcStat(st); err == nil && p.state == 'Z' {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
	return pid
}

func TestHogsBesideAMeasurement(t *testing.T) {
	if _, err := os.Stat("/proc/stat"); err != nil {
		t.Skip("no /proc here")
	}
	hogs := []int{startHog(t), startHog(t)}
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
