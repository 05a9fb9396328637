package claims

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestStartMethodCode(t *testing.T) {
	for _, m := range StartMethods {
		assert.Equal(t, m, startMethodName(StartMethodCode(m)))
	}
	assert.Equal(t, 0.0, StartMethodCode("threads"))
	assert.Equal(t, "", startMethodName(0))
	assert.Equal(t, "", startMethodName(1.5))
	assert.Equal(t, "", startMethodName(9))
}

func TestRatioAndAnd(t *testing.T) {
	assert.Equal(t, "4830×", ratio(4830.2))
	assert.Equal(t, "54×", ratio(54))
	assert.Equal(t, "", and(nil))
	assert.Equal(t, "a", and([]string{"a"}))
	assert.Equal(t, "a and b", and([]string{"a", "b"}))
	assert.Equal(t, "a, b and c", and([]string{"a", "b", "c"}))
}

func TestJudgeOwnMemory(t *testing.T) {
	goSep := Figures{"go.child_saw_parent": 0, "go.parent_saw_child": 0}
	py := plus(goSep, Figures{
		"cpython.fork.child_saw_parent": 1, "cpython.fork.parent_saw_child": 0,
		"cpython.spawn.child_saw_parent": 0, "cpython.spawn.parent_saw_child": 0,
	})
	runJudge(t, judgeOwnMemory, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"Go only", goSep, Unmeasured, "CPython not measured (no python3)"},
		{"separate, fork copies", py, Agrees, "under fork the child began with a copy of the parent's value, under spawn it re-imported"},
		{"separate, spawn only", plus(goSep, Figures{"cpython.spawn.child_saw_parent": 0, "cpython.spawn.parent_saw_child": 0}), Agrees, "under spawn and in Go"},
		{"a write crossed in CPython", plus(py, Figures{"cpython.fork.parent_saw_child": 1}), Disagrees, "reached its parent (fork)"},
		{"a write crossed in Go", plus(py, Figures{"go.parent_saw_child": 1}), Disagrees, "(Go)"},
	})
}

func TestJudgeSeparateMemory(t *testing.T) {
	goF := Figures{"go.thread_write_seen": 1, "go.parent_saw_child": 0}
	py := plus(goF, Figures{"cpython.thread.parent_saw_child": 1, "cpython.fork.parent_saw_child": 0, "cpython.spawn.parent_saw_child": 0})
	runJudge(t, judgeSeparateMemory, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"Go only", goF, Unmeasured, "no python3"},
		{"threads share, processes do not", py, Agrees, "none of its child processes' writes"},
		{"a thread's write lost", plus(py, Figures{"cpython.thread.parent_saw_child": 0}), Disagrees, "did not reach"},
		{"a process's write seen", plus(py, Figures{"cpython.spawn.parent_saw_child": 1}), Disagrees, "reached its parent"},
	})
}

func TestJudgeProcessCreation(t *testing.T) {
	goF := Figures{"go.process.ms": 3.4, "go.thread.ms": 0.046, "go.goroutine.ms": 0.0007}
	py := plus(goF, Figures{"cpython.thread.ms": 0.055, "cpython.fork.ms": 2.7, "cpython.forkserver.ms": 7.5, "cpython.spawn.ms": 72})
	runJudge(t, judgeProcessCreation, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"zero thread time", Figures{"go.process.ms": 1, "go.thread.ms": 0}, Unmeasured, "Not measured"},
		{"Go only", goF, Unmeasured, "no python3"},
		{"methods far apart", py, DependsOn, "under fork but 1309× under spawn"},
		{"methods close", plus(goF, Figures{"cpython.thread.ms": 0.05, "cpython.fork.ms": 2.5, "cpython.forkserver.ms": 5}), Agrees, "50× to 100×"},
		{"a process as cheap as a thread", plus(py, Figures{"cpython.fork.ms": 0.1}), Disagrees, "under fork, a process start+join cost 0.1 ms, only 1.82×"},
	})
}

func TestJudgeThreadOverhead(t *testing.T) {
	goF := Figures{"go.process.ms": 3.4, "go.thread.ms": 0.046}
	py := plus(goF, Figures{"cpython.default_method": StartMethodCode("fork"), "cpython.fork.ms": 2.7, "cpython.thread.ms": 0.05})
	runJudge(t, judgeThreadOverhead, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"Go only", goF, Unmeasured, "no python3"},
		{"default not measured", plus(goF, Figures{"cpython.default_method": StartMethodCode("spawn"), "cpython.fork.ms": 2.7, "cpython.thread.ms": 0.05}), Unmeasured, "no python3"},
		{"unknown default", plus(py, Figures{"cpython.default_method": 0}), Unmeasured, "no python3"},
		{"fork default, 54×", py, Agrees, "default start method fork, a process start+join cost 2.7 ms, 54×"},
		{"process barely dearer", plus(py, Figures{"cpython.fork.ms": 0.1}), Disagrees, "only 2×"},
	})
}

func TestJudgeSmallestUnit(t *testing.T) {
	goF := Figures{"go.threads": 5, "go.cpu_per_wall": 1.9, "cores": 2}
	py := plus(goF, Figures{"cpython.threads.idle": 1, "cpython.threads.with_thread": 2})
	runJudge(t, judgeSmallestUnit, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"Go only", goF, Unmeasured, "no python3"},
		{"threads counted", py, Disagrees, "the thread, not the process, is the smallest unit"},
		{"two threads at once", py, Disagrees, "1.9 seconds of CPU per second on 2 cores"},
		{"one thread everywhere", Figures{"go.threads": 1, "cpython.threads.idle": 1, "cpython.threads.with_thread": 1}, Agrees, "coincided"},
	})
}

func TestJudgeKillable(t *testing.T) {
	goF := Figures{"go.kill.dead": 1}
	py := plus(goF, Figures{"cpython.kill.dead": 1, "cpython.kill.exitcode": -9, "cpython.kill.lock_left_held": 1})
	runJudge(t, judgeKillable, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"Go only", goF, Unmeasured, "no python3"},
		{"killed, lock orphaned", py, DependsOn, "stayed held"},
		{"killed, lock freed", plus(py, Figures{"cpython.kill.lock_left_held": 0}), Agrees, "left nothing held"},
		{"CPython child survived", plus(py, Figures{"cpython.kill.dead": 0}), Disagrees, "survived"},
		{"Go child survived", plus(py, Figures{"go.kill.dead": 0}), Disagrees, "survived"},
	})
}

func TestJudgeStackLocals(t *testing.T) {
	base := Figures{"go.stack": 4, "go.heap.too_large": 1, "go.heap.escaped": 1, "go.make.large_allocs": 1}
	runJudge(t, judgeStackLocals, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"size decides", base, DependsOn, "too large for a stack frame"},
		{"only the allocation count", plus(base, Figures{"go.heap.too_large": 0}), DependsOn, "whose address outlives"},
		{"all inside on the stack", Figures{"go.stack": 4, "go.heap.too_large": 0, "go.heap.escaped": 1, "go.make.large_allocs": 0}, Agrees, "stayed on the stack"},
		{"nothing on the stack", plus(base, Figures{"go.stack": 0}), Disagrees, "none of them"},
	})
}
