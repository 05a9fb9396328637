package exercise

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/janpfeifer/gonb/gonbui"

	"concurrencylab/kernel-helpers/display"
)

// ErrNotDone is what a stub returns until the learner completes it. Its
// check then says "not done yet" instead of failing.
var ErrNotDone = errors.New("exercise: not done yet")

// TODO marks a stub that has no error to return: it panics with
// [ErrNotDone], and the check says "not done yet".
func TODO() { panic(ErrNotDone) }

// Outcome is how a check ended.
type Outcome string

// The outcomes of a check.
const (
	Pass    Outcome = "pass"
	NotDone Outcome = "not done yet"
	Fail    Outcome = "fail"     // a wrong answer, an error or a panic
	Timeout Outcome = "timeout"  // a deadlock, or a wait that never ends
	Leak    Outcome = "leak"     // goroutines or processes left running
	Race    Outcome = "race"     // the race detector reported a data race
	TooSlow Outcome = "too slow" // correct, but slower than the exercise allows
)

// Result is what a check found.
type Result struct {
	ID      string        `json:"id"`
	Title   string        `json:"title"`
	Outcome Outcome       `json:"outcome"`
	Hint    string        `json:"hint,omitempty"` // what went wrong and where to look; for a pass, what was checked
	Took    time.Duration `json:"took"`           // how long the tests ran
}

// Passed reports whether the check passed.
func (r Result) Passed() bool { return r.Outcome == Pass }

// String is the one line a check prints outside a notebook:
// "exercise 01-child-double: pass: …".
func (r Result) String() string {
	s := fmt.Sprintf("exercise %s: %s", r.ID, r.Outcome)
	if r.Hint != "" {
		s += ": " + r.Hint
	}
	return s
}

// Markdown is what a check shows in a notebook.
func (r Result) Markdown() string {
	name := r.ID
	if r.Title != "" {
		name += " (" + r.Title + ")"
	}
	switch r.Outcome {
	case Pass:
		return fmt.Sprintf("✅ **Exercise %s: passed.** %s", name, r.Hint)
	case NotDone:
		return fmt.Sprintf("✏️ **Exercise %s: not done yet.** Complete the stub above (replace `exercise.ErrNotDone` or `exercise.TODO()`), run its cell, then this one.", name)
	}
	return fmt.Sprintf("❌ **Exercise %s: not yet (%s).** %s", name, r.Outcome, r.Hint)
}

// Exercise is one exercise: tests run on the learner's function, of type F.
// Make one with [New]; the zero values of the other fields are the defaults.
type Exercise[F any] struct {
	ID    string // "01-child-double": notebook number and short name; names the solution file
	Title string // a few words, shown with the outcome
	// Test checks the learner's function f, through t.
	Test func(t *T, f F)
	// Timeout bounds the tests: past it the check reports a hang or
	// deadlock. Zero means 10 s.
	Timeout time.Duration
	// Budget, when set, is the time the tests may take with a good
	// solution; a correct one that takes longer is too slow.
	Budget time.Duration
	// Race runs the tests under the race detector.
	Race bool
	// Args are the arguments the program needs to reach this Check again
	// when it is started as the child: none for a notebook cell; for a test
	// binary, "-test.run=^TestName$".
	Args []string
}

// New returns an exercise with the given ID, title and test.
func New[F any](id, title string, test func(t *T, f F)) *Exercise[F] {
	return &Exercise[F]{ID: id, Title: title, Test: test}
}

// DefaultTimeout is the time the tests of an exercise may take before the
// check calls it a hang.
const DefaultTimeout = 10 * time.Second

func (e *Exercise[F]) timeout() time.Duration {
	if e.Timeout > 0 {
		return e.Timeout
	}
	return DefaultTimeout
}

// Check runs the exercise's tests on f in a child process and shows the
// result: a line in a notebook, printed otherwise. It never panics and
// never waits longer than the exercise's timeout plus the time to start
// (and, for [Exercise.Race], to build) the child.
//
// In the child, Check runs the tests and ends the process.
func (e *Exercise[F]) Check(f F) Result {
	if id, ok := os.LookupEnv(ChildEnv); ok {
		if id == e.ID {
			serveChild(e, f) // does not return
		}
		return Result{ID: e.ID, Title: e.Title, Outcome: NotDone, Hint: "not the exercise this child checks"}
	}
	r := e.Run(context.Background())
	Show(r)
	return r
}

// Run runs the tests in a child process and returns the result without
// showing it. Check calls it; tests call it directly.
func (e *Exercise[F]) Run(ctx context.Context) Result {
	switch {
	case ctx == nil:
		return Result{ID: e.ID, Title: e.Title, Outcome: Fail, Hint: "exercise: Run needs a context, got nil"}
	case e.Test == nil:
		return Result{ID: e.ID, Title: e.Title, Outcome: Fail, Hint: "exercise: the exercise has no test function (New was given nil)"}
	}
	r := runChild(ctx, childSpec{id: e.ID, race: e.Race, args: e.Args, timeout: e.timeout()})
	r.ID, r.Title = e.ID, e.Title
	return r
}

// Show shows a result: as Markdown in a notebook, as one line otherwise.
func Show(r Result) {
	if gonbui.IsNotebook {
		display.Markdown(r.Markdown())
		return
	}
	fmt.Println(r.String())
}

// ParseLine reads back the line [Show] prints outside a notebook, for
// tools that run a check as a program: it returns the exercise's ID and
// outcome, and false for a line that is not a check's.
func ParseLine(line string) (id string, o Outcome, ok bool) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(line), "exercise ")
	if !ok {
		return "", "", false
	}
	id, rest, ok = strings.Cut(rest, ": ")
	if !ok {
		return "", "", false
	}
	for _, c := range []Outcome{Pass, NotDone, Fail, Timeout, Leak, Race, TooSlow} {
		if rest == string(c) || strings.HasPrefix(rest, string(c)+": ") {
			return id, c, true
		}
	}
	return "", "", false
}
