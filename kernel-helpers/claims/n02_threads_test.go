package claims

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// merge returns a copy of base with extra's figures added or replaced.
func n02Merge(base Figures, extra Figures) Figures {
	f := Figures{}
	for k, v := range base {
		f[k] = v
	}
	for k, v := range extra {
		f[k] = v
	}
	return f
}

func TestN02Count(t *testing.T) {
	assert.Equal(t, "0", n02Count(0))
	assert.Equal(t, "999", n02Count(999))
	assert.Equal(t, "1,000", n02Count(1000))
	assert.Equal(t, "1,234,567", n02Count(1234567))
	assert.Equal(t, "-12,345", n02Count(-12345))
}

func TestJudgeGILIsFor(t *testing.T) {
	goOnly := Figures{"go.gomaxprocs1.lost.pct": 40}
	py := n02Merge(goOnly, Figures{"cpython.gil": 1, "cpython.plain.lost": 0, "cpython.split.lost": 300000, "cpython.expected": 800000})
	runJudge(t, judgeGILIsFor, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", goOnly, Unmeasured, "Without python3"},
		{"lost under the GIL", py, Disagrees, "lost 300,000 of 800,000 updates"},
		{"plain loop lost", n02Merge(py, Figures{"cpython.split.lost": 0, "cpython.plain.lost": 7}), Disagrees, "(7 with counter += 1)"},
		{"nothing lost", n02Merge(py, Figures{"cpython.split.lost": 0}), Agrees, "neither CPython loop lost"},
		{"free-threaded", n02Merge(py, Figures{"cpython.gil": 0}), DependsOn, "without the GIL"},
	})
	v := judgeGILIsFor(py)
	assert.Contains(t, v.Text, "Go at GOMAXPROCS=1 lost up to 40 %")
	assert.Contains(t, judgeGILIsFor(n02Merge(py, Figures{"go.gomaxprocs1.lost.pct": 0})).Text, "lost no update this time")
}

func TestJudgeUnexpected(t *testing.T) {
	base := Figures{"go.trials": 6, "go.trials.losing": 6, "go.worst.pct": 50, "go.detector.races": 1}
	runJudge(t, judgeUnexpected, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no trials", Figures{"go.trials": 0, "go.trials.losing": 0, "go.worst.pct": 0}, Unmeasured, "Not measured"},
		{"go lost, no python", base, Agrees, "6 of 6 Go trials came out short"},
		{"python lost", n02Merge(base, Figures{"go.trials.losing": 0, "go.worst.pct": 0, "cpython.split.lost": 5, "cpython.expected": 100}), Agrees, "CPython threads lost up to 5"},
		{"nothing lost, detector found it", n02Merge(base, Figures{"go.trials.losing": 0, "go.worst.pct": 0}), DependsOn, "race detector found the race"},
		{"nothing at all", Figures{"go.trials": 6, "go.trials.losing": 0, "go.worst.pct": 0, "go.detector.races": 0}, Disagrees, "none of 6 trials"},
	})
	assert.Equal(t, n02NoPython, judgeUnexpected(base).CPython)
}

func TestJudgeOwnGILNoRace(t *testing.T) {
	goF := Figures{"go.procs.unsafe.lost": 1000, "go.procs.safe.lost": 0, "go.procs.expected": 4000}
	py := n02Merge(goF, Figures{"cpython.procs.unsafe.lost": 15000, "cpython.procs.safe.lost": 0, "cpython.procs.expected": 40000})
	runJudge(t, judgeOwnGILNoRace, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", goF, Unmeasured, "Without python3"},
		{"lost without the lock", py, Disagrees, "lost up to 15,000 of 40,000"},
		{"nothing lost", n02Merge(py, Figures{"cpython.procs.unsafe.lost": 0}), Agrees, "lost nothing of 40,000"},
		{"lock lost too", n02Merge(py, Figures{"cpython.procs.safe.lost": 3}), Unmeasured, "broken"},
	})
	v := judgeOwnGILNoRace(Figures{"cpython.procs.unsafe.lost": 1, "cpython.procs.safe.lost": 0, "cpython.procs.expected": 4})
	assert.Equal(t, "not measured", v.Go, "the Go side may be missing")
	assert.Equal(t, Disagrees, v.Outcome)
}

func TestJudgeRaceDeadlock(t *testing.T) {
	goF := Figures{"go.deadlock": 1, "go.same.finished": 1, "go.trials.losing": 4}
	py := n02Merge(goF, Figures{"cpython.deadlock": 1, "cpython.same.finished": 1})
	runJudge(t, judgeRaceDeadlock, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"go only deadlocked", goF, Agrees, "two goroutines taking two locks"},
		{"both deadlocked", py, Agrees, "and two CPython threads"},
		{"only one deadlocked", n02Merge(py, Figures{"cpython.deadlock": 0}), DependsOn, "only one of Go and CPython"},
		{"no deadlock", n02Merge(py, Figures{"cpython.deadlock": 0, "go.deadlock": 0}), Disagrees, "still finished"},
		{"same order stuck", n02Merge(py, Figures{"cpython.same.finished": 0}), Unmeasured, "did not finish either"},
	})
	assert.Contains(t, judgeRaceDeadlock(py).Text, "lost updates in 4 trials")
	assert.Equal(t, "opposite orders: deadlock (timeout); same order: finished", judgeRaceDeadlock(py).CPython)
}

func TestJudgeNotKillable(t *testing.T) {
	goF := Figures{"go.ignored.running": 1}
	py := n02Merge(goF, Figures{"cpython.kill.methods": 0, "cpython.ignored.running": 1})
	runJudge(t, judgeNotKillable, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", goF, Unmeasured, "Without python3"},
		{"no kill, ran on", py, Agrees, "no kill, terminate or stop method"},
		{"a kill method", n02Merge(py, Figures{"cpython.kill.methods": 1}), Disagrees, "1 kill-like method"},
		{"finished too soon", n02Merge(py, Figures{"cpython.ignored.running": 0}), Unmeasured, "give it more work"},
	})
	assert.Contains(t, judgeNotKillable(py).Text, "goroutine that never checks its context ran on")
}

func TestJudgeNotInterruptible(t *testing.T) {
	goF := Figures{"go.ignored.running": 1, "go.stop.small.ms": 0.01, "go.stop.large.ms": 2}
	py := n02Merge(goF, Figures{"cpython.kill.methods": 0, "cpython.ignored.running": 1, "cpython.stop.small.ms": 0.1, "cpython.stop.large.ms": 1})
	runJudge(t, judgeNotInterruptible, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", goF, Unmeasured, "Without python3"},
		{"cooperative only", py, DependsOn, "stopped 0.1 ms to 1 ms after it was set (the rarer its checks, the later)"},
		{"delay did not grow", n02Merge(py, Figures{"cpython.stop.large.ms": 0.1}), DependsOn, "did not make it later"},
		{"a kill method", n02Merge(py, Figures{"cpython.kill.methods": 2}), Disagrees, "has a kill-like method"},
		{"finished too soon", n02Merge(py, Figures{"cpython.ignored.running": 0}), Unmeasured, "give it more work"},
	})
	assert.Equal(t, "the thread's own code checking a stop signal", judgeNotInterruptible(py).Condition)
}

func TestJudgeQueueOrSync(t *testing.T) {
	f := Figures{"go.unsafe.losing": 3, "go.mutex.lost": 0, "go.atomic.lost": 0, "go.channel.lost": 0}
	runJudge(t, judgeQueueOrSync, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"unsynchronised lost, fixes exact", f, Agrees, "lost updates in 3 trials"},
		{"unsynchronised lost nothing", n02Merge(f, Figures{"go.unsafe.losing": 0}), DependsOn, "happened to lose nothing"},
		{"channel lost", n02Merge(f, Figures{"go.channel.lost": 5}), Disagrees, "message model alone was not enough"},
		{"mutex lost", n02Merge(f, Figures{"go.mutex.lost": 5}), Unmeasured, "broken"},
	})
}

func TestN02Claims(t *testing.T) {
	cs := ByNotebook("02-threads")
	assert.GreaterOrEqual(t, len(cs), 7)
	for _, c := range cs {
		assert.Equal(t, "02-threads", c.Notebook)
	}
}

func TestJSONText(t *testing.T) {
	assert.JSONEq(t, `{"id":"002-gil-is-for","figures":{"cores":2}}`, jsonText(map[string]any{"id": "002-gil-is-for", "figures": Figures{"cores": 2}}))
	assert.Contains(t, jsonText(map[string]any{"bad": func() {}}), "unsupported type")
}
