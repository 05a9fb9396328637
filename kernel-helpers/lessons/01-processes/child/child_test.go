package child_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"concurrencylab/kernel-helpers/lessons/01-processes/child"
	"concurrencylab/kernel-helpers/memory"
	"concurrencylab/kernel-helpers/worker"
)

// TestMain: a worker process started by Separate serves here; the counting
// child of Kill serves from package child's init, before TestMain.
func TestMain(m *testing.M) {
	worker.ServeIfWorker()
	goleak.VerifyTestMain(m)
}

// noChildren checks that a test left no child process behind.
func noChildren(t *testing.T) {
	t.Helper()
	kids, err := memory.Children()
	require.NoError(t, err)
	assert.Empty(t, kids, "child processes left behind")
}

// bigN is far more counting than the tests wait for: about a minute at the
// 2.5-3 ns per iteration of the course's machine, so the kill always comes
// first unless a machine is a hundred times faster.
const bigN = 20_000_000_000

func TestKill(t *testing.T) {
	const after = 150 * time.Millisecond
	k, err := child.Kill(t.Context(), bigN, 5*time.Millisecond, after)
	require.NoError(t, err)
	assert.False(t, k.Finished, "the child was killed before it finished")
	assert.Equal(t, "signal: killed", k.Exit)
	assert.True(t, k.Gone, "the killed child no longer exists")
	assert.GreaterOrEqual(t, k.KilledAt, after)
	assert.Positive(t, k.PID)
	require.NotEmpty(t, k.Reports, "progress came before the kill")
	for i := 1; i < len(k.Reports); i++ {
		assert.Greater(t, k.Reports[i].Done, k.Reports[i-1].Done, "progress grows")
		assert.GreaterOrEqual(t, k.Reports[i].At, k.Reports[i-1].At)
	}
	assert.Less(t, k.Last().Done, k.N)
	assert.Contains(t, k.Verdict(), `"signal: killed"`)
	assert.Contains(t, k.Verdict(), "no process")
	noChildren(t)

	ss, err := k.Series()
	require.NoError(t, err)
	require.Len(t, ss, 3, "progress, the kill and the work given")
	assert.Len(t, ss[0].X, len(k.Reports)+1, "progress starts at the origin")
}

func TestKillAfterFinish(t *testing.T) {
	// Little work and a long wait: the child is done before the kill.
	k, err := child.Kill(t.Context(), 1_000_000, time.Millisecond, 30*time.Second)
	require.NoError(t, err)
	assert.True(t, k.Finished)
	assert.Equal(t, int64(1_000_000), k.Result)
	assert.Equal(t, "exit status 0", k.Exit)
	assert.Zero(t, k.KilledAt)
	assert.True(t, k.Gone)
	assert.Zero(t, k.Unreported())
	assert.Contains(t, k.Verdict(), "finished its 1,000,000 iterations")
	noChildren(t)
}

func TestKillContextEnds(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := child.Kill(ctx, bigN, 5*time.Millisecond, time.Minute)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 30*time.Second, "the child was killed with the context")
	noChildren(t)
}

func TestKillBadInput(t *testing.T) {
	tests := []struct {
		name            string
		n               int64
		interval, after time.Duration
		want            string
	}{
		{"no work", 0, time.Millisecond, 0, "n must be in"},
		{"too much work", child.MaxN + 1, time.Millisecond, 0, "n must be in"},
		{"no interval", 10, 0, 0, "interval must be positive"},
		{"negative after", 10, time.Millisecond, -time.Second, "negative time"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := child.Kill(t.Context(), tt.n, tt.interval, tt.after)
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

func TestKilledFigures(t *testing.T) {
	ms := time.Millisecond
	k := child.Killed{PID: 42, N: 1_000_000, KilledAt: 30 * ms, Exit: "signal: killed", Gone: true,
		Reports: []child.Report{{At: 10 * ms, Done: 100_000}, {At: 20 * ms, Done: 200_000}}}
	assert.Equal(t, int64(100_000), k.Unreported(), "10 ms more at 10,000 iterations per ms")
	v := k.Verdict()
	assert.Contains(t, v, "sent 2 progress reports")
	assert.Contains(t, v, "said 200,000 of 1,000,000 iterations (20%)")
	assert.Contains(t, v, "about 100,000 more iterations")
	assert.Contains(t, v, "no process 42 exists")

	k.Gone = false
	assert.Contains(t, k.Verdict(), "should not happen")

	_, err := child.Killed{}.Series()
	assert.Error(t, err, "nothing to plot without a report")
	assert.Equal(t, child.Report{}, child.Killed{}.Last())
}

func TestSeparate(t *testing.T) {
	s, err := child.Separate(t.Context())
	require.NoError(t, err)
	require.Len(t, s.Steps, 3)
	assert.Equal(t, `"set by the parent"`, s.Steps[0].Parent)
	assert.Equal(t, "(not started yet)", s.Steps[0].Child)
	assert.Equal(t, "(never set)", s.Steps[1].Child, "a child starts from scratch")
	assert.Equal(t, `"set by the parent"`, s.Steps[2].Parent, "the child's change does not reach the parent")
	assert.Equal(t, `"set by the child"`, s.Steps[2].Child)
	assert.NotEqual(t, s.ParentPID, s.ChildPID)
	assert.Equal(t, s.ParentPID, s.ChildPPID)
	assert.Positive(t, s.ParentRSS)
	assert.Positive(t, s.ChildRSS)
	assert.Contains(t, s.Verdict(), "Each process has memory of its own")
	assert.Positive(t, s.ChildMem.RssAnon)
	assert.Less(t, s.ChildMem.RssAnon, s.ChildRSS, "the child's own pages are part of its RSS")
	md := s.Markdown()
	assert.Contains(t, md, "| the parent starts a child process | \"set by the parent\" | (never set) |")
	assert.Contains(t, md, "(not started yet)")
	assert.Contains(t, md, "anonymous (its own)")
	assert.False(t, s.ChildSawParent(), "a Go child is the program run afresh")
	assert.False(t, s.ParentSawChild())
	shared, err := child.SharedWithGoroutine(t.Context())
	require.NoError(t, err)
	assert.True(t, shared, "a goroutine's write is seen by its process")
	assert.Equal(t, map[string]float64{"go.child_saw_parent": 0, "go.parent_saw_child": 0, "go.thread_write_seen": 1},
		map[string]float64(child.MemoryFigures(s, shared)))
	assert.Empty(t, child.MemoryFigures(child.Separation{}, true), "no figures from an experiment that did not finish")
	noChildren(t)
}

func TestKilledDead(t *testing.T) {
	for _, tc := range []struct {
		name string
		k    child.Killed
		want float64
	}{
		{"killed and gone", child.Killed{Exit: "signal: killed", Gone: true}, 1},
		{"still there", child.Killed{Exit: "signal: killed"}, 0},
		{"finished first", child.Killed{Exit: "exit status 0", Finished: true, Gone: true}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.k.Figures()["go.kill.dead"])
		})
	}
}

func TestSeparationVerdictCatchesSharing(t *testing.T) {
	s := child.Separation{ParentPID: 1, ChildPID: 2, ChildPPID: 1, Steps: []child.Step{
		{}, {Child: "(never set)"}, {Parent: `"set by the child"`, Child: `"set by the child"`},
	}}
	assert.Contains(t, s.Verdict(), "Something unexpected")
	assert.Contains(t, child.Separation{}.Verdict(), "did not run")
}

func TestKillNilContext(t *testing.T) {
	_, err := child.Kill(nil, 1, time.Millisecond, 0) //nolint:staticcheck // the nil context is the point
	assert.ErrorContains(t, err, "needs a context")
}
