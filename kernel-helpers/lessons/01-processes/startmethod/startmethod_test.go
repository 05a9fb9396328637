package startmethod_test

import (
	"concurrencylab/kernel-helpers/cpython/cpythontest"
	"encoding/json"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"concurrencylab/kernel-helpers/claims"
	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/lessons/01-processes/startmethod"
	"concurrencylab/kernel-helpers/memory"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// canned is what pstart.py printed on the course's machine, shortened.
const canned = `{"python": {"version": "3.11.7"}, "platform": "linux", "default_method": "fork",
 "available_methods": ["fork", "spawn", "forkserver"],
 "starts": [
  {"kind": "process", "method": "fork", "samples_s": [0.002, 0.003, 0.0015], "child_saw_parent_value": true, "child_saw": "set by the parent", "parent_saw_child_write": false},
  {"kind": "process", "method": "spawn", "samples_s": [0.05, 0.049], "child_saw_parent_value": false, "child_saw": "as the module sets it", "parent_saw_child_write": false},
  {"kind": "thread", "method": "", "samples_s": [0.0001], "child_saw_parent_value": true, "child_saw": "set by the parent", "parent_saw_child_write": true}],
 "threads": {"idle": 1, "with_one_thread": 2},
 "kill": {"method": "fork", "exitcode": -9, "alive_after": false, "lock_left_held": true}}`

func cannedReport(t *testing.T) startmethod.Report {
	t.Helper()
	var r startmethod.Report
	require.NoError(t, json.Unmarshal([]byte(canned), &r))
	r.Interpreter = "python3 (CPython 3.11.7)"
	return r
}

func TestMedian(t *testing.T) {
	assert.Equal(t, 2*time.Millisecond, startmethod.Start{Samples: []float64{0.003, 0.001, 0.002}}.Median())
	assert.Equal(t, 2*time.Millisecond, startmethod.Start{Samples: []float64{0.003, 0.001}}.Median())
	assert.Equal(t, time.Duration(0), startmethod.Start{}.Median())
}

func TestFigures(t *testing.T) {
	f := cannedReport(t).Figures()
	want := claims.Figures{
		"cpython.fork.ms": 2, "cpython.fork.child_saw_parent": 1, "cpython.fork.parent_saw_child": 0,
		"cpython.spawn.ms": 49.5, "cpython.spawn.child_saw_parent": 0, "cpython.spawn.parent_saw_child": 0,
		"cpython.thread.ms": 0.1, "cpython.thread.child_saw_parent": 1, "cpython.thread.parent_saw_child": 1,
		"cpython.default_method": claims.StartMethodCode("fork"),
		"cpython.threads.idle":   1, "cpython.threads.with_thread": 2,
		"cpython.kill.dead": 1, "cpython.kill.exitcode": -9, "cpython.kill.lock_left_held": 1,
	}
	require.Len(t, f, len(want))
	for k, v := range want {
		assert.InDelta(t, v, f[k], 1e-9, k)
	}
	assert.Empty(t, startmethod.Report{Missing: "no python3"}.Figures())

	// The figures feed the claims: the verdicts are the ones these numbers give.
	v, err := claims.Check("001-own-memory", startmethod.Merge(f, claims.Figures{"go.child_saw_parent": 0, "go.parent_saw_child": 0}))
	require.NoError(t, err)
	assert.Equal(t, claims.Agrees, v.Outcome)
	v, err = claims.Check("002-killable", startmethod.Merge(f, claims.Figures{"go.kill.dead": 1}))
	require.NoError(t, err)
	assert.Equal(t, claims.DependsOn, v.Outcome)
}

func TestMarkdownAndText(t *testing.T) {
	r := cannedReport(t)
	md := r.Markdown()
	assert.Contains(t, md, "| Process, fork (default) | 2ms | 1.5ms – 3ms | 20 | yes | no |")
	assert.Contains(t, md, "| threading.Thread | 100µs |")
	assert.Contains(t, r.Default(), "starts processes with **fork**")
	assert.Contains(t, r.KillText(), "exit code -9")
	assert.Contains(t, r.KillText(), "the lock died held")
	assert.Contains(t, r.ThreadsText(), "**1** OS thread(s) in the running interpreter, **2** while")
	missing := startmethod.Report{Missing: "cpython: no usable Python 3"}
	for _, s := range []string{missing.Markdown(), missing.Default(), missing.KillText(), missing.ThreadsText()} {
		assert.Equal(t, missing.Missing, s)
	}
	r.Kill = nil
	assert.Contains(t, r.KillText(), "not run")
	r.Threads.Idle = nil
	assert.Contains(t, r.ThreadsText(), "no /proc")
}

func TestGoStartsAndMerge(t *testing.T) {
	f := startmethod.GoStarts(map[string]time.Duration{"process": 3 * time.Millisecond, "OS thread": 50 * time.Microsecond, "goroutine": time.Microsecond})
	assert.Equal(t, claims.Figures{"go.process.ms": 3, "go.thread.ms": 0.05, "go.goroutine.ms": 0.001}, f)
	assert.Equal(t, claims.Figures{"a": 2, "b": 1}, startmethod.Merge(claims.Figures{"a": 1, "b": 1}, claims.Figures{"a": 2}))
}

func TestPythonSource(t *testing.T) {
	src, err := startmethod.PythonSource("memory_check")
	require.NoError(t, err)
	assert.Contains(t, src, "def memory_check(start):")
	_, err = startmethod.PythonSource("no_such_def")
	assert.Error(t, err)
}

func TestMeasureWithoutPython(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	r, err := startmethod.Measure(t.Context(), startmethod.Settings{Reps: 1})
	require.NoError(t, err)
	assert.Contains(t, r.Missing, "no usable Python 3")
	assert.Empty(t, r.Figures())
}

func TestRunErrors(t *testing.T) {
	in := cpython.Interpreter{Name: "python3"}
	for _, s := range []startmethod.Settings{{Reps: -1}, {Reps: startmethod.MaxReps + 1}, {Reps: 1, Methods: []string{"vfork"}}} {
		_, err := startmethod.Run(t.Context(), in, s)
		assert.Error(t, err, "%+v", s)
	}
}

// TestRunPython runs pstart.py on the real python3, one rep per method, and
// checks what it found, not how fast.
func TestRunPython(t *testing.T) {
	in := cpythontest.Python3(t)
	r, err := startmethod.Run(t.Context(), in, startmethod.Settings{Reps: 1, Kill: true})
	require.NoError(t, err)
	assert.Contains(t, r.AvailableMethods, r.DefaultMethod)
	require.Len(t, r.Starts, len(r.AvailableMethods)+1, "one row per start method and the thread")
	for _, s := range r.Starts {
		assert.Len(t, s.Samples, 1)
		if s.Kind == "thread" {
			assert.True(t, s.ParentSawChildWrite, "threads share memory")
			continue
		}
		assert.False(t, s.ParentSawChildWrite, "%s: a child's write stays in the child", s.Method)
		assert.Equal(t, s.Method == "fork", s.ChildSawParentValue, "%s: only fork copies the parent's memory", s.Method)
	}
	if runtime.GOOS == "linux" {
		require.NotNil(t, r.Threads.Idle)
		assert.Equal(t, *r.Threads.Idle+1, *r.Threads.WithOneThread)
	}
	require.NotNil(t, r.Kill)
	require.NotNil(t, r.Kill.ExitCode)
	assert.Equal(t, -9, *r.Kill.ExitCode)
	assert.False(t, r.Kill.AliveAfter)
	kids, err := memory.Children()
	require.NoError(t, err)
	assert.Empty(t, kids, "pstart.py and its children are gone")
}
