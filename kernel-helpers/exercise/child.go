package exercise

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"syscall"
	"time"

	"concurrencylab/kernel-helpers/memory"
)

// ChildEnv is the environment variable that makes a program a check's
// child: it holds the ID of the exercise whose tests the child runs.
const ChildEnv = "CONCURRENCYLAB_EXERCISE"

// resultFD is the file descriptor the child writes its result to: the
// first of exec.Cmd.ExtraFiles. Stdout and stderr stay the learner's.
const resultFD = 3

// serveChild runs the tests, writes the result for the parent and ends
// the process. Exiting with 0 lets the race detector, if built in, turn the
// status into 66 when it saw a race.
func serveChild[F any](e *Exercise[F], f F) {
	test := func(t *T) { e.Test(t, f) }
	var r Result
	if os.Getenv(ProbeEnv) != "" {
		r = probeTests(probeTimeout, test)
	} else {
		r = runTests(e.timeout(), e.Budget, test)
	}
	out := os.NewFile(resultFD, "result")
	if out != nil {
		_ = json.NewEncoder(out).Encode(r)
		_ = out.Close()
	}
	os.Exit(0)
}

// leakWait is how long goroutines the code started get to end after it
// returned, before they count as leaked (goleak waits similarly).
const leakWait = time.Second

// runTests runs test with a timeout, then looks for leaks and the budget.
func runTests(timeout, budget time.Duration, test func(t *T)) Result {
	before := runtime.NumGoroutine()
	kidsBefore := childPIDs()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	t := &T{ctx: ctx}
	done := make(chan struct{})
	var panicked any
	start := time.Now()
	go func() {
		defer close(done)
		defer func() {
			if v := recover(); v != nil {
				panicked = v
			}
		}()
		test(t)
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case <-done:
	case <-timer.C:
		return Result{Outcome: Timeout, Took: time.Since(start), Hint: hangHint(timeout, goroutineDump())}
	}
	took := time.Since(start)
	fail := func(o Outcome, hint string) Result { return Result{Outcome: o, Hint: hint, Took: took} }
	if panicked != nil {
		if err, ok := panicked.(error); ok && errors.Is(err, ErrNotDone) {
			return fail(NotDone, "")
		}
		return fail(Fail, fmt.Sprintf("your code panicked: %v", panicked))
	}
	if r := t.get(); r != nil && r.Outcome != Pass {
		return fail(r.Outcome, r.Hint)
	}
	if left := leftChildren(kidsBefore); len(left) > 0 {
		return fail(Leak, processLeakHint(left))
	}
	deadline := time.Now().Add(leakWait)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine() - before; n > 0 {
		return fail(Leak, leakHint(n, goroutineDump()))
	}
	if budget > 0 && took > budget {
		return fail(TooSlow, fmt.Sprintf("the answer is right, but the tests took %v, more than the %v a good solution needs: is anything running one after another that could run at once?", took.Round(time.Millisecond), budget))
	}
	r := Result{Outcome: Pass, Took: took}
	if p := t.get(); p != nil {
		r.Hint = p.Hint
	}
	return r
}

// probeTests runs test for at most timeout and reports [NotDone] if the
// function it tests is a stub, [Fail] otherwise (including a test still
// running at the timeout): the parent then runs the real check. The
// process ends right after, with whatever the code started.
func probeTests(timeout time.Duration, test func(t *T)) Result {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	t := &T{ctx: ctx}
	done := make(chan bool, 1) // whether the test panicked with ErrNotDone
	go func() {
		notDone := false
		defer func() {
			if v := recover(); v != nil {
				err, ok := v.(error)
				notDone = ok && errors.Is(err, ErrNotDone)
			}
			done <- notDone
		}()
		test(t)
	}()
	select {
	case notDone := <-done:
		if r := t.get(); notDone || r != nil && r.Outcome == NotDone {
			return Result{Outcome: NotDone}
		}
	case <-ctx.Done():
	}
	return Result{Outcome: Fail, Hint: "not a stub: the check runs in full"}
}

func childPIDs() []int {
	kids, err := memory.Children()
	if err != nil {
		return nil
	}
	pids := make([]int, 0, len(kids))
	for _, k := range kids {
		pids = append(pids, k.PID)
	}
	return pids
}

// leftChildren returns the child processes started since before and still
// there (running, or ended and never waited for), after killing and
// reaping them: a check never leaves a process behind.
func leftChildren(before []int) []memory.Usage {
	// A process the code killed a moment ago may still be on its way out.
	var left []memory.Usage
	for range 20 {
		left = left[:0]
		kids, err := memory.Children()
		if err != nil {
			return nil
		}
		for _, k := range kids {
			if !slices.Contains(before, k.PID) {
				left = append(left, k)
			}
		}
		if len(left) == 0 {
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	for _, k := range left {
		_ = syscall.Kill(k.PID, syscall.SIGKILL)
		var ws syscall.WaitStatus
		_, _ = syscall.Wait4(k.PID, &ws, 0, nil)
	}
	return left
}

func processLeakHint(left []memory.Usage) string {
	zombies := 0
	for _, k := range left {
		if k.RSS == 0 {
			zombies++
		}
	}
	s := fmt.Sprintf("%d child process(es) (%s) still there after your function returned", len(left), left[0].Name)
	if zombies == len(left) {
		return s + ": they ended but nobody waited for them (zombies). Call cmd.Wait after cmd.Start."
	}
	return s + ": still running. Wait for every process you start (cmd.Wait), and kill it first if it must not finish."
}
