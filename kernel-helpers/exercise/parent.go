package exercise

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// SourceEnv names a folder holding the Go program to rebuild with -race
// for an [Exercise.Race] check. In a notebook GoNB's own $GONB_TMP_DIR (the
// cell program's main.go and go.mod) is used when SourceEnv is not set.
const SourceEnv = "CONCURRENCYLAB_EXERCISE_SOURCE"

// childSpec says how to start a check's child.
type childSpec struct {
	id      string
	race    bool
	args    []string
	timeout time.Duration
	probe   bool // only find out whether the function is a stub (ProbeEnv)
}

// ProbeEnv, set in a check's child, makes it a probe: it runs the tests
// for at most its timeout and reports only whether the learner's function
// is a stub ([NotDone]); any other outcome is reported as [Fail].
const ProbeEnv = "CONCURRENCYLAB_EXERCISE_PROBE"

// probeTimeout bounds a probe: a stub returns (or calls [TODO]) on its
// first call, and the exercises' tests call the function within this
// time. A probe that runs out of it costs only the race build it was
// meant to spare.
const probeTimeout = 3 * time.Second

// grace is the time the child gets beyond the tests' timeout to start,
// report and end before the parent kills it.
const grace = 10 * time.Second

// outputLimit bounds what is kept of the child's stdout and stderr.
const outputLimit = 1 << 20

// runChild starts the child, waits for its result and reads the outcome.
//
// A check with the race detector, in a program built without it, first
// probes: this program as it is runs the tests for at most probeTimeout,
// only to see whether the learner's function is still a stub. If it is,
// the check says "not done yet" without the race build (a few seconds a
// check). Any other probe outcome is thrown away and the tests run in the
// race build, whose verdict alone counts: a racy answer may look right, or
// merely wrong, without the detector.
func runChild(ctx context.Context, spec childSpec) Result {
	if spec.race && !raceEnabled {
		probe := childSpec{id: spec.id, args: spec.args, timeout: probeTimeout, probe: true}
		if r := runChild(ctx, probe); r.Outcome == NotDone {
			return r
		}
	}
	exe, cleanup, err := program(ctx, spec.race)
	if err != nil {
		return Result{Outcome: Fail, Hint: err.Error()}
	}
	defer cleanup()
	ctx, cancel := context.WithTimeout(ctx, spec.timeout+grace)
	defer cancel()
	r, w, err := os.Pipe()
	if err != nil {
		return Result{Outcome: Fail, Hint: fmt.Sprintf("exercise: %v", err)}
	}
	defer r.Close()
	cmd := exec.CommandContext(ctx, exe, spec.args...)
	cmd.Env = childEnv(os.Environ(), spec.id)
	if spec.probe {
		cmd.Env = append(cmd.Env, ProbeEnv+"=1")
	}
	cmd.ExtraFiles = []*os.File{w}
	var stdout, stderr limited
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// The child and whatever it starts form one process group, killed
	// whole: a check leaves no process behind.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 2 * time.Second
	if err := cmd.Start(); err != nil {
		w.Close()
		return Result{Outcome: Fail, Hint: fmt.Sprintf("exercise: starting the check: %v", err)}
	}
	w.Close()
	report := make(chan []byte, 1)
	go func() {
		b, _ := io.ReadAll(r)
		report <- b
	}()
	waitErr := cmd.Wait()
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // grandchildren the code left
	r.Close()
	var got []byte
	select {
	case got = <-report:
	case <-time.After(time.Second):
	}
	return outcome(got, stderr.String(), waitErr, ctx.Err() != nil, spec.timeout)
}

// outcome reads what the child reported, its stderr and how it ended.
func outcome(report []byte, stderr string, waitErr error, killed bool, timeout time.Duration) Result {
	var res Result
	reported := len(bytes.TrimSpace(report)) > 0 && json.Unmarshal(report, &res) == nil
	exit := 0
	var ee *exec.ExitError
	if errors.As(waitErr, &ee) {
		exit = ee.ExitCode()
	}
	if strings.Contains(stderr, "WARNING: DATA RACE") || exit == 66 && reported {
		res.Outcome, res.Hint = Race, raceHint(stderr)
		return res
	}
	if reported {
		return res
	}
	if o, hint := crashHint(stderr); o != "" {
		return Result{Outcome: o, Hint: hint}
	}
	if killed {
		return Result{Outcome: Timeout, Hint: fmt.Sprintf("still running after %v, and it did not stop when asked: a deadlock, or a wait that never ends.", timeout)}
	}
	if waitErr != nil {
		return Result{Outcome: Fail, Hint: fmt.Sprintf("the program ended before the tests did (%v): did your code call os.Exit or log.Fatal?", waitErr)}
	}
	return Result{Outcome: Fail, Hint: "the program ended without running the tests: call Check from the cell's main (after %%), once."}
}

// childEnv is env with the child marker set and without GoNB's variables:
// a child must never write to the notebook's pipes. A child built with the
// race detector would otherwise sleep 1 s at exit (GORACE atexit_sleep_ms).
func childEnv(env []string, id string) []string {
	out := make([]string, 0, len(env)+2)
	gorace := "atexit_sleep_ms=0"
	for _, kv := range env {
		if strings.HasPrefix(kv, "GONB_") || strings.HasPrefix(kv, ChildEnv+"=") || strings.HasPrefix(kv, ProbeEnv+"=") {
			continue
		}
		if v, ok := strings.CutPrefix(kv, "GORACE="); ok {
			gorace = v + " " + gorace
			continue
		}
		out = append(out, kv)
	}
	return append(out, ChildEnv+"="+id, "GORACE="+gorace)
}

// program returns the program to start as the child: this one, or this
// one's source rebuilt with the race detector.
func program(ctx context.Context, race bool) (string, func(), error) {
	noop := func() {}
	if !race || raceEnabled {
		exe, err := os.Executable()
		if err != nil {
			return "", noop, fmt.Errorf("exercise: cannot find this program to start it again: %v", err)
		}
		return exe, noop, nil
	}
	src := os.Getenv(SourceEnv)
	if src == "" {
		src = os.Getenv("GONB_TMP_DIR")
	}
	if src == "" {
		return "", noop, errors.New("this check needs the race detector, and the program's source was not found: run it in a GoNB notebook, or build it with go build -race")
	}
	return raceBuild(ctx, src)
}

// raceBuild copies the program's go.mod, go.sum and Go files (not its
// tests) into a new folder and builds them there with -race. The first such
// build compiles the standard library for the race detector: up to a minute.
// -ldflags=-w leaves out the DWARF tables, which nothing reads (a race report
// names its lines from the runtime's own tables) and which are much of the
// time a link takes.
func raceBuild(ctx context.Context, src string) (string, func(), error) {
	dir, err := os.MkdirTemp("", "exercise-race-")
	if err != nil {
		return "", func() {}, fmt.Errorf("exercise: %v", err)
	}
	cleanup := func() { os.RemoveAll(dir) }
	entries, err := os.ReadDir(src)
	if err != nil {
		cleanup()
		return "", func() {}, errors.New("exercise: cannot read the program's source folder")
	}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !(n == "go.mod" || n == "go.sum" || strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go")) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, n))
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, n), b, 0o644)
		}
		if err != nil {
			cleanup()
			return "", func() {}, fmt.Errorf("exercise: copying %s: %v", n, err)
		}
	}
	bctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(bctx, "go", "build", "-race", "-ldflags=-w", "-o", "prog", ".")
	cmd.Dir = dir
	cmd.Env = append(childEnv(os.Environ(), ""), "GOFLAGS=-mod=mod", "GOWORK=off", "GOTOOLCHAIN=local")
	if out, err := cmd.CombinedOutput(); err != nil {
		cleanup()
		first, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
		return "", func() {}, fmt.Errorf("could not build the code with the race detector: %s", filepath.Base(first))
	}
	return filepath.Join(dir, "prog"), cleanup, nil
}

// limited keeps the first outputLimit bytes written to it.
type limited struct{ bytes.Buffer }

func (l *limited) Write(p []byte) (int, error) {
	if room := outputLimit - l.Len(); room > 0 {
		l.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
