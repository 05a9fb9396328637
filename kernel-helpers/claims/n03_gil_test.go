package claims

import (
	"testing"
)

func TestJudgeNoCPUGain(t *testing.T) {
	goOnly := Figures{"cores": 2, "go.seq.s": 0.2, "go.gil.s": 0.22, "go.goroutines.s": 0.1}
	runJudge(t, judgeNoCPUGain, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", goOnly, Unmeasured, "no python3"},
		{"no gain", plus(goOnly, Figures{"cpython.seq.s": 0.2, "cpython.threads.s": 0.25}), Agrees, "0.8× as fast"},
		{"gain", plus(goOnly, Figures{"cpython.seq.s": 0.2, "cpython.threads.s": 0.1}), Disagrees, "2× as fast"},
		{"free-threaded gains", plus(goOnly, Figures{"cpython.seq.s": 0.2, "cpython.threads.s": 0.2,
			"cpython.ft.seq.s": 0.2, "cpython.ft.threads.s": 0.1}), DependsOn, "free-threaded build's threads gained 2×"},
	})
}

func TestJudgeOpsOrTime(t *testing.T) {
	sweep := func(loX, hiX float64) Figures {
		return Figures{"cpython.sweep.lo.interval_ms": 1, "cpython.sweep.lo.extra_ms": loX,
			"cpython.sweep.hi.interval_ms": 20, "cpython.sweep.hi.extra_ms": hiX}
	}
	runJudge(t, judgeOpsOrTime, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", Figures{"go.gil.sweep.hi.extra_ms": 20}, Unmeasured, "no python3"},
		{"one interval", plus(sweep(1, 1), Figures{"cpython.sweep.hi.interval_ms": 1}), Unmeasured, "two different intervals"},
		{"time decides", sweep(1.4, 20.3), Disagrees, "only time decides"},
		{"a count decides", sweep(0.05, 0.06), Agrees, "count of operations"},
		{"neither", sweep(1, 7), DependsOn, "rerun"},
	})
}

func TestJudgeOwnGIL(t *testing.T) {
	base := Figures{"cores": 2, "tasks": 2}
	runJudge(t, judgeOwnGIL, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", base, Unmeasured, "no python3"},
		{"parallel", plus(base, Figures{"cpython.seq.s": 0.2, "cpython.processes.s": 0.11}), Agrees, "own interpreter and GIL"},
		{"not parallel", plus(base, Figures{"cpython.seq.s": 0.2, "cpython.processes.s": 0.2}), Disagrees, "did not run at once"},
		{"one core", Figures{"cores": 1, "tasks": 2, "cpython.seq.s": 0.2, "cpython.processes.s": 0.2}, DependsOn, "1 core"},
	})
}

func TestJudgeOneThread(t *testing.T) {
	figs := func(cores, hashX, countX float64) Figures {
		return Figures{"cores": cores, "cpython.hash.seq.s": hashX, "cpython.hash.threads.s": 1,
			"cpython.count.seq.s": countX, "cpython.count.threads.s": 1, "go.hash.seq.s": 2, "go.hash.goroutines.s": 1}
	}
	runJudge(t, judgeOneThread, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", Figures{"cores": 2, "go.hash.seq.s": 2, "go.hash.goroutines.s": 1}, Unmeasured, "no python3"},
		{"hash parallel, count not", figs(2, 1.9, 0.9), DependsOn, "only Python bytecode"},
		{"both parallel", figs(2, 1.9, 1.9), Disagrees, "executed Python at once"},
		{"counting parallel only", figs(2, 1, 1.9), Disagrees, "executed Python at once"},
		{"neither", figs(2, 1, 0.9), Agrees, "one thread at a time"},
		{"one core", figs(1, 1, 1), DependsOn, "1 core"},
	})
}

func TestJudgeIORelease(t *testing.T) {
	base := Figures{"sleepers": 8, "sleep.ms": 1, "interval.ms": 5, "go.gil.wake1.ms": 6}
	io := func(threadsS, w0, w1 float64) Figures {
		return plus(base, Figures{"cpython.io.seq.s": 0.4, "cpython.io.threads.s": threadsS, "cpython.wake0.ms": w0, "cpython.wake1.ms": w1})
	}
	runJudge(t, judgeIORelease, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", base, Unmeasured, "no python3"},
		{"released, convoy", io(0.051, 1.1, 6.2), DependsOn, "about one switch interval"},
		{"released, prompt", io(0.051, 1.1, 1.3), Agrees, "took 1.3 ms against 1.1 ms"},
		{"not released", io(0.4, 1.1, 1.2), Disagrees, "did not wait at the same time"},
		{"one sleeper", plus(io(0.05, 1, 1), Figures{"sleepers": 1}), Unmeasured, "two sleepers"},
	})
}

func TestJudgeSameOrWorse(t *testing.T) {
	runJudge(t, judgeSameOrWorse, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", Figures{"cores": 2}, Unmeasured, "no python3"},
		{"same", Figures{"cores": 2, "cpython.seq.s": 1, "cpython.threads.s": 1.1}, Agrees, "1.1×"},
		{"much worse", Figures{"cores": 2, "cpython.seq.s": 1, "cpython.threads.s": 1.4}, Disagrees, "not slightly worse"},
		{"faster", Figures{"cores": 2, "cpython.seq.s": 1, "cpython.threads.s": 0.5}, Disagrees, "faster, not the same"},
	})
}

func TestJudgeSimultaneously(t *testing.T) {
	figs := func(waitsThreads, countX float64) Figures {
		return Figures{"cores": 2, "cpython.waits.seq.s": 0.2, "cpython.waits.threads.s": waitsThreads, "cpython.waits.cpu_s": 0.004,
			"cpython.count.seq.s": countX, "cpython.count.threads.s": 1}
	}
	runJudge(t, judgeSimultaneously, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", Figures{"cores": 2}, Unmeasured, "no python3"},
		{"overlap by sleeping", figs(0.1, 0.9), DependsOn, "concurrency"},
		{"truly parallel", figs(0.1, 1.9), Agrees, "even counting threads"},
		{"no overlap", figs(0.2, 0.9), Disagrees, "did not overlap"},
	})
}

func TestJudgeRedesign(t *testing.T) {
	runJudge(t, judgeRedesign, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", Figures{"cores": 2}, Unmeasured, "no python3"},
		{"no free-threaded build", Figures{"cpython.minor": 11, "cpython.ft": 0}, DependsOn, "3.13"},
		{"free-threaded gains", Figures{"cpython.minor": 13, "cpython.ft": 1, "cpython.ft.speedup": 1.9}, Disagrees, "has shipped"},
		{"free-threaded no gain", Figures{"cpython.minor": 13, "cpython.ft": 1, "cpython.ft.speedup": 1}, Agrees, "gained nothing"},
	})
}

func TestJudgeAMust(t *testing.T) {
	base := Figures{"cores": 2, "cpython.minor": 11, "cpython.processes.speedup": 1.8, "cpython.ft": 0, "cpython.interp_pool": 0}
	runJudge(t, judgeAMust, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", Figures{"cores": 2}, Unmeasured, "no python3"},
		{"only processes", base, DependsOn, "3.14 InterpreterPoolExecutor"},
		{"interpreter pool", plus(base, Figures{"cpython.minor": 14, "cpython.interp_pool": 1, "cpython.interp_pool.speedup": 1.8}), Disagrees, "InterpreterPoolExecutor 1.8×"},
		{"free-threaded", plus(base, Figures{"cpython.ft": 1, "cpython.ft.speedup": 1.9}), Disagrees, "free-threaded threads 1.9×"},
		{"processes gain nothing", plus(base, Figures{"cores": 1, "cpython.processes.speedup": 1}), Disagrees, "gain nothing"},
		{"small tasks", plus(base, Figures{"cpython.processes.speedup": 0.3, "task.ms": 5}), Disagrees, "tasks of only 5 ms"},
		{"large tasks", plus(base, Figures{"cpython.processes.speedup": 0.9, "task.ms": 100}), Disagrees, "another: they cannot"},
	})
}

func TestJudgeSlow(t *testing.T) {
	runJudge(t, judgeSlow, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", Figures{"go.ns_per_step": 0.3}, Unmeasured, "no python3"},
		{"slow", Figures{"go.ns_per_step": 0.3, "cpython.ns_per_step": 30}, Agrees, "100× slower"},
		{"not slow", Figures{"go.ns_per_step": 0.3, "cpython.ns_per_step": 0.6}, Disagrees, "only 2× apart"},
	})
}
