package exercises

import (
	"context"
	"time"

	"concurrencylab/kernel-helpers/exercise"
)

// DoubleFunc asks a child process to double x and returns its answer.
type DoubleFunc = func(ctx context.Context, x int) (int, error)

// ChildDouble checks a function that starts a child process, sends it x
// on its stdin, reads its answer from its stdout and waits for it to end.
var ChildDouble = &exercise.Exercise[DoubleFunc]{
	ID: "01-child-double", Title: "ask a child process", Timeout: 5 * time.Second,
	Test: func(t *exercise.T, f DoubleFunc) {
		for _, x := range []int{0, 21, -4} {
			got, err := f(t.Context(), x)
			t.NoError(err)
			if got != 2*x {
				t.Fail("childDouble(%d) = %d, want %d: the child's answer is on its stdout, one line (strconv.Atoi after strings.TrimSpace).", x, got, 2*x)
			}
		}
		t.Passed("the child doubled 0, 21 and -4, and every child was waited for.")
	},
}

// LimitFunc runs a command, killing it if it runs longer than limit.
type LimitFunc = func(ctx context.Context, limit time.Duration, name string, args ...string) error

// quickKill is how long a command past its limit may take to be stopped:
// a kill and a wait take milliseconds, the command itself 3 s.
const quickKill = 1500 * time.Millisecond

// RunWithLimit checks a function that runs a command with a time limit:
// a command that ends in time gives its own result, one that runs past
// the limit is killed at once, and every process is reaped.
var RunWithLimit = &exercise.Exercise[LimitFunc]{
	ID: "01-run-with-limit", Title: "stop a child that runs too long", Timeout: 8 * time.Second,
	Test: func(t *exercise.T, f LimitFunc) {
		t.NoError(f(t.Context(), 2*time.Second, "true"))
		if err := f(t.Context(), 2*time.Second, "false"); err == nil {
			t.Fail("runWithLimit(2s, \"false\") returned nil: a command that fails (exit status 1) must give an error.")
		}
		start := time.Now()
		err := f(t.Context(), 100*time.Millisecond, "sleep", "3")
		took := time.Since(start)
		if err == nil {
			t.Fail("runWithLimit(100ms, \"sleep\", \"3\") returned nil: a command stopped at its limit must give an error.")
		}
		if took > quickKill {
			t.TooSlow("runWithLimit(100ms, \"sleep\", \"3\") took %v: it waited for the command to end by itself. Kill it when the limit is up: exec.CommandContext with context.WithTimeout does it.", took.Round(time.Millisecond))
		}
		t.Passed("true passed, false failed, and sleep 3 was stopped after %v, and reaped.", took.Round(time.Millisecond))
	},
}
