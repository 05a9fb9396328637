package exercise_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"concurrencylab/kernel-helpers/exercise"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// double is the exercise the tests check: return 2x.
type double = func(ctx context.Context, x int) (int, error)

func newDouble() *exercise.Exercise[double] {
	e := exercise.New("00-double", "double it", func(t *exercise.T, f double) {
		for _, x := range []int{0, 3, 21} {
			got, err := f(t.Context(), x)
			t.NoError(err)
			if got != 2*x {
				t.Fail("double(%d) = %d, want %d", x, got, 2*x)
			}
		}
		t.Passed("double(x) = 2x for 0, 3 and 21")
	})
	e.Timeout = 2 * time.Second
	return e
}

// check runs e on f in a child: this test binary again, running only the
// current test, which in the child reaches e.Check and ends there.
func check(t *testing.T, e *exercise.Exercise[double], f double) exercise.Result {
	t.Helper()
	parts := strings.Split(t.Name(), "/")
	for i, p := range parts {
		parts[i] = "^" + regexp.QuoteMeta(p) + "$"
	}
	e.Args = []string{"-test.run=" + strings.Join(parts, "/")}
	if os.Getenv(exercise.ChildEnv) != "" {
		e.Check(f)
		t.Fatal("Check returned in the child")
	}
	return e.Run(context.Background())
}

func TestOutcomes(t *testing.T) {
	cases := []struct {
		name   string
		f      double
		budget time.Duration
		want   exercise.Outcome
		hint   string
	}{
		{"pass", func(_ context.Context, x int) (int, error) { return 2 * x, nil }, 0, exercise.Pass, "for 0, 3 and 21"},
		{"wrong", func(_ context.Context, x int) (int, error) { return x + x/3, nil }, 0, exercise.Fail, "double(3) = 4, want 6"},
		{"error", func(_ context.Context, x int) (int, error) { return 0, errors.New("boom") }, 0, exercise.Fail, "returned an error: boom"},
		{"stub", func(_ context.Context, x int) (int, error) { return 0, exercise.ErrNotDone }, 0, exercise.NotDone, ""},
		{"todo", func(_ context.Context, x int) (int, error) { exercise.TODO(); return 0, nil }, 0, exercise.NotDone, ""},
		{"panic", func(_ context.Context, x int) (int, error) { var m map[int]int; m[x] = 1; return 0, nil }, 0, exercise.Fail, "panicked"},
		{"panic in a goroutine", func(_ context.Context, x int) (int, error) {
			done := make(chan int)
			go func() { var s []int; done <- s[x] }()
			return <-done, nil
		}, 0, exercise.Fail, "panicked in a goroutine it started: runtime error: index out of range"},
		{"deadlock", func(_ context.Context, x int) (int, error) {
			var mu sync.Mutex
			mu.Lock()
			mu.Lock() // never unlocked
			return 2 * x, nil
		}, 0, exercise.Timeout, "sync.Mutex.Lock"},
		{"channel hang", func(_ context.Context, x int) (int, error) {
			ch := make(chan int)
			go func() { ch <- 2 * x }()
			<-ch
			return <-ch, nil // nobody sends again
		}, 0, exercise.Timeout, "chan receive"},
		{"goroutine leak", func(_ context.Context, x int) (int, error) {
			ch := make(chan int)
			go func() { ch <- 2 * x }() // a send nobody receives
			return 2 * x, nil
		}, 0, exercise.Leak, "goroutine(s) it started are still running"},
		{"process leak", func(ctx context.Context, x int) (int, error) {
			cmd := exec.Command("sleep", "30") // never waited for, never killed
			return 2 * x, cmd.Start()
		}, 0, exercise.Leak, "child process(es) (sleep)"},
		{"zombie", func(ctx context.Context, x int) (int, error) {
			cmd := exec.Command("true")
			if err := cmd.Start(); err != nil {
				return 0, err
			}
			time.Sleep(20 * time.Millisecond) // it ends; nobody waits
			return 2 * x, nil
		}, 0, exercise.Leak, "nobody waited for them"},
		{"too slow", func(_ context.Context, x int) (int, error) {
			time.Sleep(150 * time.Millisecond)
			return 2 * x, nil
		}, 100 * time.Millisecond, exercise.TooSlow, "more than the 100ms"},
		{"exit", func(_ context.Context, x int) (int, error) { os.Exit(3); return 0, nil }, 0, exercise.Fail, "os.Exit or log.Fatal"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newDouble()
			e.Budget = c.budget
			r := check(t, e, c.f)
			assert.Equal(t, c.want, r.Outcome, r.Hint)
			assert.Contains(t, r.Hint, c.hint)
			assert.NotContains(t, r.Hint, "goroutine 1 [", "no stack trace")
			assert.NotContains(t, r.Hint, ".go:", "no file names")
		})
	}
}

// TestRace needs the race detector in this binary (go test -race, as make
// test runs it); the child is then this binary again.
func TestRace(t *testing.T) {
	if !raceEnabled {
		t.Skip("needs go test -race")
	}
	e := newDouble()
	e.Race = true
	r := check(t, e, func(_ context.Context, x int) (int, error) {
		var sum int
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() { sum += x }) // two goroutines, no lock
		}
		wg.Wait()
		return sum, nil
	})
	assert.Equal(t, exercise.Race, r.Outcome, r.Hint)
	assert.Contains(t, r.Hint, "data race")
}

func TestRaceWithoutSource(t *testing.T) {
	if raceEnabled {
		t.Skip("this binary has the race detector: nothing to build")
	}
	t.Setenv(exercise.SourceEnv, "")
	t.Setenv("GONB_TMP_DIR", "")
	e := newDouble()
	e.Race = true
	r := e.Run(context.Background())
	assert.Equal(t, exercise.Fail, r.Outcome)
	assert.Contains(t, r.Hint, "race detector")
}

func TestParseLine(t *testing.T) {
	for _, r := range []exercise.Result{
		{ID: "01-child-double", Outcome: exercise.Pass, Hint: "it works: yes"},
		{ID: "03-x", Outcome: exercise.NotDone},
		{ID: "02-y", Outcome: exercise.TooSlow, Hint: "slow"},
	} {
		id, o, ok := exercise.ParseLine(r.String())
		require.True(t, ok, r.String())
		assert.Equal(t, r.ID, id)
		assert.Equal(t, r.Outcome, o)
	}
	_, _, ok := exercise.ParseLine("exercise x: maybe")
	assert.False(t, ok)
	_, _, ok = exercise.ParseLine("hello")
	assert.False(t, ok)
}

func TestMarkdown(t *testing.T) {
	assert.Contains(t, exercise.Result{ID: "a", Outcome: exercise.Pass}.Markdown(), "passed")
	assert.Contains(t, exercise.Result{ID: "a", Outcome: exercise.NotDone}.Markdown(), "not done yet")
	md := exercise.Result{ID: "a", Title: "t", Outcome: exercise.Leak, Hint: "h"}.Markdown()
	assert.Contains(t, md, "not yet (leak)")
	assert.Contains(t, md, "h")
}
