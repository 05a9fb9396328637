package history

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Environment of a helper process started by TestStore_twoKernelsAtOnce.
const (
	helperEnv     = "HISTORY_HELPER"      // "append" or "forget"
	helperPathEnv = "HISTORY_HELPER_PATH" // the history file
	helperIDEnv   = "HISTORY_HELPER_ID"   // which appender this is
	helperNEnv    = "HISTORY_HELPER_N"    // how many times to act
	helperStopEnv = "HISTORY_HELPER_STOP" // "forget" goes on until this file exists
)

// helperDeadline stops a forgetting helper whose test died before telling
// it to stop, so that no process outlives the test run for long.
const helperDeadline = 2 * time.Minute

// samplesPerEntry makes each line about 7 kB, longer than PIPE_BUF (4 kB on
// Linux), the largest write POSIX promises to keep whole, and that only for
// pipes: lines this long are kept whole by the lock, not by luck.
const samplesPerEntry = 600

// TestHelperProcess is not a test: it is the body of the processes that
// TestStore_twoKernelsAtOnce starts, each playing a notebook kernel, in the
// way of the os/exec tests of the standard library.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperEnv)
	if mode == "" {
		t.Skip("only runs as a helper process")
	}
	if err := helper(mode); err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

func helper(mode string) error {
	s, err := Open(os.Getenv(helperPathEnv))
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(os.Getenv(helperNEnv))
	if err != nil {
		return err
	}
	id := os.Getenv(helperIDEnv)
	samples := make([]time.Duration, samplesPerEntry)
	for i := range samples {
		samples[i] = time.Duration(1_000_000_000 + i)
	}
	switch mode {
	case "append":
		for i := range n {
			r := result("shared", "process-"+id, 1, samples...)
			r.Params = map[string]string{"proc": id, "i": strconv.Itoa(i)}
			if err := s.Record("", r); err != nil {
				return err
			}
		}
		return nil
	case "forget":
		// Append and forget another measurement, at least n times and until
		// the appenders are done: each Forget renames a new file over the
		// one they are writing to.
		stop := os.Getenv(helperStopEnv)
		deadline := time.Now().Add(helperDeadline)
		for i := 0; ; i++ {
			if _, err := os.Stat(stop); err == nil && i >= n {
				fmt.Print(i) // how many rounds, for the test to check
				return nil
			}
			if time.Now().After(deadline) {
				return errors.New("never told to stop")
			}
			if err := s.Record("", result("scratch", "s", 1, 1)); err != nil {
				return err
			}
			if _, err := s.Forget("scratch"); err != nil {
				return err
			}
		}
	}
	return fmt.Errorf("unknown mode %q", mode)
}

func TestStore_twoKernelsAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("starts several processes")
	}
	if !lockSupported {
		t.Skip("no file locking on this system")
	}
	const appenders, perAppender, minForgets = 4, 80, 10
	s, warnings := tempStore(t)
	stop := filepath.Join(t.TempDir(), "stop")

	type proc struct {
		name           string
		cmd            *exec.Cmd
		stdout, stderr *bytes.Buffer
	}
	start := func(mode, id string, n int) proc {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
		cmd.Env = append(os.Environ(),
			helperEnv+"="+mode, helperPathEnv+"="+s.Path(), helperStopEnv+"="+stop,
			helperIDEnv+"="+id, helperNEnv+"="+strconv.Itoa(n))
		p := proc{name: mode + id, cmd: cmd, stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
		cmd.Stdout, cmd.Stderr = p.stdout, p.stderr
		require.NoError(t, cmd.Start())
		return p
	}
	forgetter := start("forget", "", minForgets)
	var appending []proc
	for i := range appenders {
		appending = append(appending, start("append", strconv.Itoa(i), perAppender))
	}
	// Wait for every process before any assertion, so none is left running.
	for _, p := range appending {
		assert.NoError(t, p.cmd.Wait(), "%s: %s", p.name, p.stderr.String())
	}
	require.NoError(t, os.WriteFile(stop, nil, 0o644))
	require.NoError(t, forgetter.cmd.Wait(), "forget: %s", forgetter.stderr.String())
	rounds, err := strconv.Atoi(forgetter.stdout.String())
	require.NoError(t, err, "forget helper output %q", forgetter.stdout.String())
	assert.GreaterOrEqual(t, rounds, minForgets)
	t.Logf("%d Forget rounds ran while %d processes appended", rounds, appenders)

	got, err := s.Load()
	require.NoError(t, err)
	assert.Empty(t, warnings.String(), "every line parses")
	seen := map[string]int{}
	runs := map[string]bool{}
	for _, e := range got {
		require.Equal(t, "shared", e.Result.Name, "all scratch entries were forgotten")
		assert.Len(t, e.Result.Samples, samplesPerEntry)
		seen[e.Result.Params["proc"]+"/"+e.Result.Params["i"]]++
		runs[e.Run] = true
	}
	// Counts, not assert.Len: a failure would print thousands of entries.
	assert.Equal(t, appenders*perAppender, len(got), "no append lost, none doubled")
	assert.Equal(t, appenders*perAppender, len(seen))
	for k, n := range seen {
		if n != 1 {
			t.Errorf("entry %s appears %d times", k, n)
		}
	}
	assert.Len(t, runs, appenders, "each process is its own run")
	assertOnlyHistoryFile(t, s)
}
