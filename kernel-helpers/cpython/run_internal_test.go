package cpython

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/internal/testmain"
)

func TestMain(m *testing.M) { testmain.Main(m) }

// Environment variables that turn the test binary into a fake Python (the
// os/exec tests' pattern): helperMode says how it behaves, helperFile names
// a file it reads or writes.
const (
	helperMode = "CONCURRENCYLAB_CPYTHON_HELPER"
	helperFile = "CONCURRENCYLAB_CPYTHON_HELPER_FILE"
)

// TestHelperProcess is not a test: run by fakePython, it stands in for
// Python. Its last argument is the settings JSON, the one before it the
// script, as Interpreter.run passes them.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperMode)
	if mode == "" {
		t.Skip("only runs as a fake Python")
	}
	args := os.Args
	script, settings := args[len(args)-2], args[len(args)-1]
	switch mode {
	case "ok":
		data, err := os.ReadFile(os.Getenv(helperFile))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Stdout.Write(data)
	case "echo":
		_, statErr := os.Stat(script)
		wd, _ := os.Getwd()
		out := map[string]any{"results": []any{map[string]any{
			"name": "echo", "strategy": "args", "samples_s": []float64{0},
			"params": map[string]any{
				"script":        filepath.Base(script),
				"dir":           filepath.Dir(script),
				"script_exists": statErr == nil,
				"in_script_dir": wd == filepath.Dir(script),
				"settings":      settings,
				"flags":         strings.Join(args[len(args)-5:len(args)-2], " "),
			},
		}}}
		json.NewEncoder(os.Stdout).Encode(out)
	case "fail":
		fmt.Fprintln(os.Stderr, "Traceback (most recent call last):\nZeroDivisionError: division by zero")
		os.Exit(1)
	case "garbage":
		fmt.Println("Hello from Python")
	case "flood":
		chunk := strings.Repeat("x", 1<<16)
		for range maxStdout/len(chunk) + 2 {
			fmt.Print(chunk)
		}
	case "hang":
		fmt.Fprintln(os.Stderr, "about to hang")
		if f := os.Getenv(helperFile); f != "" {
			os.WriteFile(f, []byte("started"), 0o600) // tells the test it runs
		}
		time.Sleep(time.Hour) // stands for a program that never ends
	case "spawn":
		// Start a grandchild in the same process group, as multiprocessing
		// does, tell the test its PID, and hang.
		child := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "--", "script", "{}")
		child.Env = append(os.Environ(), helperMode+"=hang", helperFile+"=")
		if err := child.Start(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.WriteFile(os.Getenv(helperFile), []byte(strconv.Itoa(child.Process.Pid)), 0o600)
		time.Sleep(time.Hour)
	}
	os.Exit(0)
}

// fakePython is an Interpreter that runs the test binary in mode instead of Python.
func fakePython(t *testing.T, mode, file string) Interpreter {
	t.Setenv(helperMode, mode)
	t.Setenv(helperFile, file)
	return Interpreter{
		Name: "fakepython", Path: os.Args[0],
		Implementation: "CPython", Version: "3.11.7",
		preArgs: []string{"-test.run=^TestHelperProcess$", "--"},
	}
}

func TestRunOK(t *testing.T) {
	file, err := filepath.Abs("../../testdata/cpython/dispatch-cpython3.11.json")
	require.NoError(t, err)
	py := fakePython(t, "ok", file)
	results, err := py.Dispatch(context.Background(), DispatchConfig{})
	require.NoError(t, err)
	require.Len(t, results, 2)
	assert.Equal(t, "cpython-thread-pool", results[0].Strategy)
	assert.Equal(t, "cpython-process-pool", results[1].Strategy)
}

func TestRunPassesSettingsAndCleansUp(t *testing.T) {
	py := fakePython(t, "echo", "")
	results, err := py.Convoy(context.Background(), ConvoyConfig{
		Hogs: []int{0, 2}, SwitchIntervals: []time.Duration{500 * time.Microsecond}, Samples: 7,
	})
	require.NoError(t, err)
	require.Len(t, results, 1)
	p := results[0].Params
	assert.Equal(t, "convoy.py", p["script"])
	assert.Equal(t, "true", p["script_exists"], "the program is written to a file")
	assert.Equal(t, "true", p["in_script_dir"], "it runs beside its modules")
	assert.Equal(t, "-B -E -s", p["flags"])
	assert.JSONEq(t, `{"hogs": [0, 2], "switch_intervals_ms": [0.5], "sleep_ms": 1, "samples": 7}`, p["settings"])
	_, err = os.Stat(p["dir"])
	assert.True(t, errors.Is(err, os.ErrNotExist), "the temporary folder is removed: %v", err)
}

// startCost measures how long the fake Python takes to start, print and
// exit: a race-built test binary takes from tens of milliseconds on an idle
// machine to seconds on a loaded one. Timeouts that must not fire before the
// fake program has started are a multiple of it.
func startCost(t *testing.T) time.Duration {
	t.Helper()
	py := fakePython(t, "garbage", "")
	start := time.Now()
	_, err := py.Strategies(context.Background(), StrategiesConfig{})
	require.Error(t, err)
	return time.Since(start)
}

func TestRunErrors(t *testing.T) {
	// The timeout must leave the fake program time to start and print
	// "about to hang", which the error should quote.
	hangTimeout := 300*time.Millisecond + 5*startCost(t)
	tests := []struct {
		mode    string
		timeout time.Duration
		want    []string
	}{
		{"fail", 0, []string{"fakepython strategies.py failed", "exit status 1", "ZeroDivisionError: division by zero"}},
		{"garbage", 0, []string{"not the expected JSON", "Hello from Python", "from fakepython strategies.py"}},
		{"flood", 0, []string{"printed more than"}},
		{"hang", hangTimeout, []string{"timed out after", "about to hang"}},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			py := fakePython(t, tt.mode, "")
			py.Timeout = tt.timeout
			type outcome struct {
				results []bench.Result
				err     error
			}
			done := make(chan outcome, 1)
			go func() {
				results, err := py.Strategies(context.Background(), StrategiesConfig{})
				done <- outcome{results, err}
			}()
			var o outcome
			select {
			case o = <-done:
			case <-time.After(time.Minute):
				t.Fatal("hung: still running after a minute")
			}
			require.Error(t, o.err)
			for _, w := range tt.want {
				assert.Contains(t, o.err.Error(), w)
			}
			assert.Nil(t, o.results)
		})
	}
}

func TestRunCancelled(t *testing.T) {
	started := filepath.Join(t.TempDir(), "started")
	py := fakePython(t, "hang", started)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := py.Convoy(ctx, ConvoyConfig{})
		done <- err
	}()
	// Cancel once the program runs, like a notebook's stop button: a cancel
	// before it started would test something else.
	require.Eventually(t, func() bool { _, err := os.Stat(started); return err == nil },
		time.Minute, 5*time.Millisecond, "the fake Python never started")
	cancel()
	var err error
	select {
	case err = <-done:
	case <-time.After(time.Minute):
		t.Fatal("still running a minute after the cancel")
	}
	require.Error(t, err)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Contains(t, err.Error(), "stopped")
}

// TestRunKillsProcessGroup checks that a timeout kills the worker processes
// a program started, not only the program.
func TestRunKillsProcessGroup(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("process groups are a Unix feature")
	}
	pidFile := filepath.Join(t.TempDir(), "child.pid")
	timeout := 2*time.Second + 5*startCost(t) // time to start it and its child
	py := fakePython(t, "spawn", pidFile)
	py.Timeout = timeout
	_, err := py.Strategies(context.Background(), StrategiesConfig{})
	require.Error(t, err)
	data, err := os.ReadFile(pidFile)
	require.NoError(t, err, "the fake Python started its child")
	pid, err := strconv.Atoi(string(data))
	require.NoError(t, err)
	t.Cleanup(func() {
		if alive(pid) { // only after a failure: leave no orphan behind
			syscall.Kill(pid, syscall.SIGKILL)
		}
	})
	// The child is gone, or a zombie waiting for init to reap it.
	assert.Eventually(t, func() bool { return !alive(pid) }, time.Minute, 20*time.Millisecond,
		"child process %d still running", pid)
}

// alive reports whether process pid exists and is not a zombie.
func alive(pid int) bool {
	if err := syscall.Kill(pid, 0); err != nil {
		return false
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return runtime.GOOS != "linux"
	}
	// The state follows the command name in parentheses: "pid (comm) Z ...".
	_, rest, _ := strings.Cut(string(stat), ") ")
	return !strings.HasPrefix(rest, "Z")
}

func TestRunNeedsAnInterpreter(t *testing.T) {
	_, err := Interpreter{}.Strategies(context.Background(), StrategiesConfig{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Find or Lookup")
	var noContext context.Context
	_, err = Interpreter{Path: os.Args[0]}.Convoy(noContext, ConvoyConfig{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "context")
}

func TestConfigErrors(t *testing.T) {
	// A path that does not exist: a bad config must fail before running anything.
	py := Interpreter{Name: "python3", Path: filepath.Join(t.TempDir(), "missing")}
	ctx := context.Background()
	tests := []struct {
		name string
		run  func() error
		want string
	}{
		{"unknown workload", func() error { _, err := py.Strategies(ctx, StrategiesConfig{Workload: "fib"}); return err }, `unknown workload "fib"`},
		{"unknown strategy", func() error {
			_, err := py.Strategies(ctx, StrategiesConfig{Strategies: []string{"threads", "asyncio"}})
			return err
		}, `unknown strategy "asyncio"`},
		{"strategy twice", func() error {
			_, err := py.Strategies(ctx, StrategiesConfig{Strategies: []string{"threads", "sequential", "threads"}})
			return err
		}, `strategy "threads" is listed twice`},
		{"empty strategies", func() error { _, err := py.Strategies(ctx, StrategiesConfig{Strategies: []string{}}); return err }, "no strategy given"},
		{"negative N", func() error { _, err := py.Strategies(ctx, StrategiesConfig{N: -1}); return err }, "N is -1"},
		{"too many tasks", func() error { _, err := py.Strategies(ctx, StrategiesConfig{Tasks: MaxTasks + 1}); return err }, "Tasks is 257"},
		{"negative target", func() error { _, err := py.Strategies(ctx, StrategiesConfig{Target: -time.Second}); return err }, "Target is -1s"},
		{"unknown pool", func() error { _, err := py.Dispatch(ctx, DispatchConfig{Pools: []string{"threads"}}); return err }, `unknown pool "threads"`},
		{"negative workers", func() error { _, err := py.Dispatch(ctx, DispatchConfig{Workers: -2}); return err }, "Workers is -2"},
		{"negative hogs", func() error { _, err := py.Convoy(ctx, ConvoyConfig{Hogs: []int{1, -1}}); return err }, "a count in Hogs is -1"},
		{"no hogs", func() error { _, err := py.Convoy(ctx, ConvoyConfig{Hogs: []int{}}); return err }, "must not be empty"},
		{"zero interval", func() error {
			_, err := py.Convoy(ctx, ConvoyConfig{SwitchIntervals: []time.Duration{0}})
			return err
		}, "a switch interval is 0s"},
		{"long sleep", func() error { _, err := py.Convoy(ctx, ConvoyConfig{Sleep: time.Minute}); return err }, "Sleep is 1m0s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.NotContains(t, err.Error(), "failed", "it never ran")
		})
	}
}

func TestFindNoPython(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	found, err := Find(context.Background())
	require.ErrorIs(t, err, ErrNoPython)
	assert.Contains(t, err.Error(), "python3 is not on the PATH")
	assert.Empty(t, found)
}

func TestLookupBrokenPython(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses a shell script as the fake python3")
	}
	dir := t.TempDir()
	tests := []struct {
		name   string
		script string
		want   string
	}{
		// What a pyenv shim prints for a version that is not installed.
		{"python3.13t", "echo 'pyenv: python3.13t: command not found' >&2; exit 127", "python3.13t does not run"},
		{"python3.7", `echo '{"implementation": "CPython", "version": "3.7.16", "executable": "x"}'`, "is Python 3.7.16"},
		{"python2", `echo 'File "<string>", line 1' >&2; exit 1`, "python2 does not run"},
		{"oddpython", `echo 'Python 3.12'`, `answered the version check with "Python 3.12"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, os.WriteFile(filepath.Join(dir, tt.name), []byte("#!/bin/sh\n"+tt.script+"\n"), 0o700))
			t.Setenv("PATH", dir)
			_, err := Lookup(context.Background(), tt.name)
			require.ErrorIs(t, err, ErrNoPython)
			assert.Contains(t, err.Error(), tt.want)
			assert.NotContains(t, err.Error(), dir, "no path of this machine in the message")
		})
	}
}

func TestPrefixAndString(t *testing.T) {
	tests := []struct {
		in         Interpreter
		prefix, is string
	}{
		{Interpreter{Name: "python3", Implementation: "CPython", Version: "3.12.3"}, "cpython", "python3 (CPython 3.12.3)"},
		{Interpreter{Name: "python3.13t", Implementation: "CPython", Version: "3.13.1", FreeThreaded: true}, "cpython3.13t", "python3.13t (CPython 3.13.1, free-threaded)"},
		{Interpreter{Name: "python3", Implementation: "PyPy", Version: "3.10.14"}, "pypy", "python3 (PyPy 3.10.14)"},
	}
	for _, tt := range tests {
		t.Run(tt.is, func(t *testing.T) {
			assert.Equal(t, tt.prefix, tt.in.Prefix())
			assert.Equal(t, tt.is, tt.in.String())
		})
	}
}

func TestBuffers(t *testing.T) {
	c := cappedBuffer{limit: 5}
	n, err := c.Write([]byte("abc"))
	assert.Equal(t, 3, n)
	assert.NoError(t, err)
	n, err = c.Write([]byte("defg"))
	assert.Equal(t, 4, n, "claims all, so that os/exec keeps draining the pipe")
	assert.NoError(t, err)
	assert.Equal(t, "abcde", c.String())
	assert.True(t, c.overflow)

	tail := tailBuffer{limit: 4}
	tail.Write([]byte("ab"))
	assert.Equal(t, "ab", tail.String())
	tail.Write([]byte("cdef"))
	assert.Equal(t, "...cdef", tail.String())
}

func TestFindFreeThreaded(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses shell scripts as fake interpreters")
	}
	dir := t.TempDir()
	probe := func(version string, freeThreaded, gilOn bool, exe string) string {
		return fmt.Sprintf(`echo '{"implementation": "CPython", "version": %q, "free_threaded_build": %t, "gil_enabled": %t, "executable": %q}'`,
			version, freeThreaded, gilOn, exe)
	}
	scripts := map[string]string{
		"python3":     probe("3.12.3", false, true, "/usr/bin/python3.12"),
		"python3.13t": probe("3.13.1", true, false, "/usr/bin/python3.13t"),
		"python3.14t": probe("3.14.0", true, false, "/usr/bin/python3.13t"), // the same interpreter again
		"python3.15t": probe("3.15.0", true, true, "/usr/bin/python3.15t"),  // its GIL is on
	}
	for name, script := range scripts {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"+script+"\n"), 0o700))
	}
	t.Setenv("PATH", dir)
	found, err := Find(context.Background())
	require.NoError(t, err)
	require.Len(t, found, 2)
	assert.Equal(t, "python3 (CPython 3.12.3)", found[0].String())
	assert.Equal(t, "cpython", found[0].Prefix())
	assert.Equal(t, "python3.13t (CPython 3.13.1, free-threaded)", found[1].String())
	assert.Equal(t, "cpython3.13t", found[1].Prefix())

	// Without python3, a free-threaded Python alone is still found.
	require.NoError(t, os.Remove(filepath.Join(dir, "python3")))
	found, err = Find(context.Background())
	require.NoError(t, err)
	require.Len(t, found, 1)
	assert.Equal(t, "python3.13t", found[0].Name)
}
