package strategies_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/claims"
	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/lessons/04-threads-vs-processes/strategies"
)

// python returns python3, or nil when there is none (the Go side still runs).
func python(t *testing.T) *cpython.Interpreter {
	py, err := strategies.Python(context.Background())
	if errors.Is(err, cpython.ErrNoPython) {
		t.Log(err)
		return nil
	}
	require.NoError(t, err)
	return py
}

// checkFigures judges the claim on the pair's figures: measured, never
// "not measured", with CPython's side exactly when python3 ran.
func checkFigures(t *testing.T, id string, p strategies.Pair, py *cpython.Interpreter) {
	t.Helper()
	v, err := claims.Check(id, p.Figures)
	require.NoError(t, err)
	if py == nil {
		assert.Equal(t, claims.Unmeasured, v.Outcome)
		assert.Contains(t, v.CPython, "no python3")
		assert.Contains(t, p.Note(), "CPython was not measured")
		return
	}
	// Measured on both sides; on a busy machine a judge may still decline
	// to judge ("Not judged: ..."), never for want of a figure.
	assert.NotContains(t, v.Text, "Not measured", v.Text)
	assert.NotContains(t, v.CPython, "not measured")
	if v.Outcome == claims.Unmeasured {
		assert.Contains(t, v.Text, "Not judged")
	}
	assert.Empty(t, p.Note())
}

func TestPairsGoOnlyAndWithPython(t *testing.T) {
	for _, py := range []*cpython.Interpreter{nil, python(t)} {
		name := "go only"
		if py != nil {
			name = "with " + py.Name
		}
		t.Run(name, func(t *testing.T) {
			p, err := strategies.OneTwoFour(t.Context(), py, 40000, 5*time.Millisecond, 2, 1)
			require.NoError(t, err)
			assert.Len(t, p.Go, 6, "threads and a process per task with 1, 2, 4")
			if py != nil {
				require.Len(t, p.CPython, 3)
				assert.Equal(t, []int{1, 2, 4}, []int{p.CPython[0].Workers, p.CPython[1].Workers, p.CPython[2].Workers})
				for i, w := range []string{"1", "2", "4"} {
					assert.Len(t, p.CPython[i].Samples, 1, "one rep")
					assert.Greater(t, p.Figures["cpython.p"+w+".s"], 0.0)
					assert.InDelta(t, 0.5, p.Figures["cpython.p"+w+".oncpu"], 0.5, "a share of the counting time")
				}
			}
			checkFigures(t, "000-diminishing-returns", p, py)

			p, err = strategies.PerCore(t.Context(), py, 20000, 5*time.Millisecond, 2, 1)
			require.NoError(t, err)
			assert.Len(t, p.Go, 4)
			checkFigures(t, "001-16-cpus", p, py)

			p, c, err := strategies.Ten(t.Context(), py, 100000, 20*time.Millisecond, 2, 1)
			require.NoError(t, err)
			require.Len(t, c.Records, 2)
			assert.Len(t, p.All(), len(p.Go)+len(p.CPython))
			checkFigures(t, "003-less-than-a-third", p, py)
		})
	}
}

func TestSource(t *testing.T) {
	src, err := strategies.Source("OneTwoFour")
	require.NoError(t, err)
	assert.Contains(t, src, "ProcessPerTask")
}

func TestSplitProgramRejectsBadSettings(t *testing.T) {
	py := python(t)
	if py == nil {
		t.Skip("no python3")
	}
	for _, settings := range []map[string]any{
		{"counts": []int{0}},
		{"counts": []int{}},
		{"counts": []int{2, 2}},
		{"reps": 0},
		{"target_s": -1},
		{"processes": 2},
	} {
		var out any
		err := py.RunJSON(t.Context(), "n04_split", settings, &out)
		require.Error(t, err, "%v", settings)
		assert.Contains(t, err.Error(), "n04_split.py", "%v", settings)
	}
}
