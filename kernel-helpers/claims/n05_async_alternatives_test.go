package claims

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestJudgeResponsiveUI(t *testing.T) {
	goF := Figures{"go.goroutines.worst_ms": 12, "go.loop.worst_ms": 300, "go.hog_ms": 300}
	runJudge(t, judgeResponsiveUI, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", goF, Unmeasured, "no python3"},
		{"threads keep ticking", plus(goF, Figures{"cpython.threads.worst_ms": 14, "cpython.asyncio.worst_ms": 290, "cpython.hog_ms": 300}), Agrees, "at worst 14 ms late"},
		{"busy machine", plus(goF, Figures{"hog_target_ms": 60, "cpython.threads.worst_ms": 200, "cpython.asyncio.worst_ms": 120, "cpython.hog_ms": 122}), Unmeasured, "another program held the CPU"},
		{"on target", plus(goF, Figures{"hog_target_ms": 300, "cpython.threads.worst_ms": 14, "cpython.asyncio.worst_ms": 290, "cpython.hog_ms": 300}), Agrees, "at worst 14 ms"},
		{"threads starved", plus(goF, Figures{"cpython.threads.worst_ms": 200, "cpython.asyncio.worst_ms": 290, "cpython.hog_ms": 300}), Disagrees, "did not get the GIL, or the CPU, in time"},
	})
}

func TestJudgeAsyncioOneThread(t *testing.T) {
	goF := Figures{"n": 1000, "go.goroutines.threads": 1, "go.threads.threads": 1000}
	runJudge(t, judgeAsyncioOneThread, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", goF, Unmeasured, "no python3"},
		{"one thread", plus(goF, Figures{"cpython.asyncio.threads": 1, "cpython.threads.threads": 1001}), Agrees, "ran on 1 OS thread(s)"},
		{"many threads", plus(goF, Figures{"cpython.asyncio.threads": 40, "cpython.threads.threads": 1001}), Disagrees, "40 OS threads"},
	})
}

func TestJudgeEfficient(t *testing.T) {
	goF := Figures{"go.goroutines.kib": 2.5, "go.threads.kib": 18, "go.goroutines.us": 1, "go.threads.us": 20}
	py := func(ak, tk, ac, tc float64) Figures {
		return plus(goF, Figures{"cpython.asyncio.kib": ak, "cpython.threads.kib": tk, "cpython.asyncio.cpu_us": ac, "cpython.threads.cpu_us": tc})
	}
	runJudge(t, judgeEfficient, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", goF, Unmeasured, "no python3"},
		{"both cheaper", py(0.9, 15, 8, 330), Agrees, "0.9 KiB"},
		{"memory only", py(0.9, 15, 300, 330), DependsOn, "not of both"},
		{"neither", py(14, 15, 300, 330), Disagrees, "not half of either"},
	})
}

func TestJudgeGather(t *testing.T) {
	goF := Figures{"n": 7, "go.taskgroup.answered": 0}
	runJudge(t, judgeGather, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", goF, Unmeasured, "no python3"},
		{"others run on", plus(goF, Figures{"cpython.gather.completed": 6, "cpython.gather.cancelled": 0,
			"cpython.taskgroup.completed": 0, "cpython.taskgroup.cancelled": 6}), Agrees, "asyncio.TaskGroup cancelled 6"},
		{"before 3.11", plus(goF, Figures{"cpython.gather.completed": 6, "cpython.gather.cancelled": 0}), Agrees, "needs Python 3.11"},
		{"others stopped", plus(goF, Figures{"cpython.gather.completed": 2, "cpython.gather.cancelled": 4}), Disagrees, "only 2 of 6"},
	})
}

func TestJudgeFetch(t *testing.T) {
	goF := Figures{"pages": 16, "go.sequential.s": 0.32, "go.goroutines.s": 0.021}
	runJudge(t, judgeFetch, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", goF, Unmeasured, "no python3"},
		{"overlapped", plus(goF, Figures{"cpython.sequential.s": 0.33, "cpython.threads.s": 0.03, "cpython.asyncio.s": 0.025}), Agrees, "11×"},
		{"asyncio serial", plus(goF, Figures{"cpython.sequential.s": 0.33, "cpython.threads.s": 0.03, "cpython.asyncio.s": 0.3}), Disagrees, "not half"},
	})
}

func TestJudgeThreadPoolGIL(t *testing.T) {
	goF := Figures{"cores": 2, "go.sequential.s": 0.2, "go.goroutine_pool.s": 0.1, "go.process_pool.s": 0.11}
	py := func(gil, th float64) Figures {
		return plus(goF, Figures{"cpython.gil": gil, "cpython.sequential.s": 0.2, "cpython.thread_pool.s": th, "cpython.process_pool.s": 0.1})
	}
	runJudge(t, judgeThreadPoolGIL, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", goF, Unmeasured, "no python3"},
		{"GIL", py(1, 0.21), Agrees, "on 2 cores"},
		{"GIL but faster", py(1, 0.1), Disagrees, "with the GIL enabled"},
		{"GIL, a little faster", py(1, 0.15), Agrees, "1.33×"},
		{"free-threaded", py(0, 0.1), DependsOn, "free-threaded"},
		{"one core", plus(py(1, 0.2), Figures{"cores": 1}), DependsOn, "1 core"},
		{"interpreter pool", plus(py(1, 0.21), Figures{"cpython.interpreter_pool.s": 0.1}), Agrees, "on 2 cores"},
	})
	assert.Contains(t, judgeThreadPoolGIL(plus(py(1, 0.21), Figures{"cpython.interpreter_pool.s": 0.1})).CPython, "interpreter pool 2×")
}

func TestJudgeProcessOverhead(t *testing.T) {
	goF := Figures{"go.goroutine_pool.us": 0.7, "go.process_pool.us": 27}
	runJudge(t, judgeProcessOverhead, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", goF, Unmeasured, "no python3"},
		{"dearer", plus(goF, Figures{"cpython.thread_pool.us": 40, "cpython.process_pool.us": 200}), Agrees, "5×"},
		{"same", plus(goF, Figures{"cpython.thread_pool.us": 40, "cpython.process_pool.us": 50}), Disagrees, "not twice"},
	})
}

func TestJudgeTopLevel(t *testing.T) {
	fork := Figures{"cpython.default.fork": 1, "cpython.fork.ok": 1}
	runJudge(t, judgeTopLevel, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"default not run", Figures{"cpython.default.fork": 1}, Unmeasured, "Not measured"},
		{"fork only, works", fork, Agrees, "every start method"},
		{"spawn fails", plus(fork, Figures{"cpython.spawn.ok": 0, "cpython.forkserver.ok": 0}), DependsOn, "failed under forkserver, spawn"},
		{"default fails", Figures{"cpython.default.forkserver": 1, "cpython.forkserver.ok": 0, "cpython.fork.ok": 1}, Disagrees, "forkserver"},
	})
}
