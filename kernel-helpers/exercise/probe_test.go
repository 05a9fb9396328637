package exercise_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/exercise"
)

// TestRaceStubNeedsNoBuild: a stub's race check says "not done yet" even
// where no race build is possible (no source to build): the probe found
// the stub first.
func TestRaceStubNeedsNoBuild(t *testing.T) {
	t.Setenv(exercise.SourceEnv, "")
	t.Setenv("GONB_TMP_DIR", "")
	for name, f := range map[string]double{
		"stub": func(context.Context, int) (int, error) { return 0, exercise.ErrNotDone },
		"todo": func(context.Context, int) (int, error) { exercise.TODO(); return 0, nil },
	} {
		t.Run(name, func(t *testing.T) {
			e := newDouble()
			e.Race = true
			r := check(t, e, f)
			assert.Equal(t, exercise.NotDone, r.Outcome, r.Hint)
		})
	}
}

// TestRaceAnswerStillBuilds: anything but a stub goes on to the race
// build, here impossible (no source), so even a right answer fails to
// build: the probe never passes a check on its own.
func TestRaceAnswerStillBuilds(t *testing.T) {
	if raceEnabled {
		t.Skip("this binary has the race detector: nothing to build")
	}
	t.Setenv(exercise.SourceEnv, "")
	t.Setenv("GONB_TMP_DIR", "")
	for name, f := range map[string]double{
		"right": func(_ context.Context, x int) (int, error) { return 2 * x, nil },
		"wrong": func(_ context.Context, x int) (int, error) { return x, nil },
		"hangs": func(ctx context.Context, x int) (int, error) { select {} },
	} {
		t.Run(name, func(t *testing.T) {
			e := newDouble()
			e.Race = true
			r := check(t, e, f)
			assert.Equal(t, exercise.Fail, r.Outcome, r.Hint)
			assert.Contains(t, r.Hint, "race detector")
		})
	}
}
