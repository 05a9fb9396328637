package claims

import (
	"maps"
	"testing"

	"github.com/stretchr/testify/assert"
)

// with returns base with extra added (or replaced).
func with(base, extra Figures) Figures {
	f := maps.Clone(base)
	if f == nil {
		f = Figures{}
	}
	maps.Copy(f, extra)
	return f
}

// checkJudge runs the cases and checks that they reach every outcome the
// judge has: a judge that cannot say no fails here.
func checkJudge(t *testing.T, judge func(Figures) Verdict, cases []judgeCase, outcomes ...Outcome) {
	t.Helper()
	seen := map[Outcome]bool{}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := judge(tc.f)
			assert.Equal(t, tc.want, v.Outcome)
			assert.Contains(t, v.Text, tc.text)
			if v.Outcome == DependsOn {
				assert.NotEmpty(t, v.Condition)
			}
			if v.Outcome != Unmeasured {
				assert.NotEmpty(t, v.CPython)
				assert.NotEmpty(t, v.Go)
			}
		})
		seen[tc.want] = true
	}
	for _, o := range outcomes {
		assert.True(t, seen[o], "no case reaches %v", o)
	}
}

func TestJudge16CPUs(t *testing.T) {
	base := Figures{"cores": 2, "go.threads.s": 0.5, "go.processes.s": 0.52}
	with := func(extra Figures) Figures { return with(base, extra) }
	for _, tc := range []struct {
		name string
		f    Figures
		want Outcome
		text string
	}{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", base, Unmeasured, "CPython not measured (no python3)"},
		{"two cores, processes twice as fast", with(Figures{"cpython.threads.s": 1.9, "cpython.processes.s": 1.0}), DependsOn, "on 2 cores, processes were 1.9×"},
		{"two cores, no gain", with(Figures{"cpython.threads.s": 1.0, "cpython.processes.s": 1.0}), Disagrees, "only 1×"},
		{"sixteen cores, 12×", with(Figures{"cores": 16, "cpython.threads.s": 5.1, "cpython.processes.s": 0.42}), Agrees, "on 16 cores"},
		{"one core", with(Figures{"cores": 1, "cpython.threads.s": 1, "cpython.processes.s": 1}), Disagrees, "1 core"},
		{"processes slower, tiny job", with(Figures{"cpython.threads.s": 0.1, "cpython.processes.s": 0.2, "task.s": 0.02}), Disagrees,
			"processes were slower than threads (0.5× their speed): the extra cores bought almost nothing. The whole job took only 20 ms"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := judge16CPUs(tc.f)
			assert.Equal(t, tc.want, v.Outcome)
			assert.Contains(t, v.Text, tc.text)
		})
	}
}

func TestJudgeDiminishing(t *testing.T) {
	base := Figures{"cores": 2, "go.p1.s": 0.2, "go.p2.s": 0.11, "go.p4.s": 0.11}
	py := func(n, p1, p2, p4 float64) Figures {
		return with(base, Figures{"cores": n, "cpython.p1.s": p1, "cpython.p2.s": p2, "cpython.p4.s": p4})
	}
	oncpu := func(p1, p2, p4 float64) Figures {
		return Figures{"cpython.p1.oncpu": p1, "cpython.p2.oncpu": p2, "cpython.p4.oncpu": p4}
	}
	checkJudge(t, judgeDiminishing, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", base, Unmeasured, "CPython not measured (no python3)"},
		{"two cores", py(2, 4.8, 2.5, 2.6), DependsOn, "4 processes can be at most 2× as fast as 1"},
		{"one core", py(1, 4.8, 4.9, 5), DependsOn, "1 core"},
		{"two processes no quicker", py(2, 4.8, 4.7, 4.7), Disagrees, "2 processes were not clearly quicker than 1"},
		{"two processes no quicker, long job", with(py(2, 4.8, 4.7, 4.7), Figures{"task.s": 4.8}), Disagrees, "with 2 or more cores to run on."},
		{"four cores, the tutorial's figures", py(4, 4.85, 2.90, 1.69), Agrees, "gain per process fell from 83.6 % to 71.7 %"},
		{"four cores, linear", py(8, 4, 2, 1), Disagrees, "no diminishing returns"},
		{"four cores, four no quicker", py(4, 4, 2, 2), Disagrees, "4 processes were no quicker than 2"},
		// The committed run's figures: 2 processes slower than the cores
		// allow because they had a core only two thirds of the time.
		{"two processes starved", with(py(2, 0.608, 0.512, 0.521), oncpu(0.99, 0.66, 0.33)), Unmeasured,
			"Not judged: while CPython counted, its 2 processes had a core 66 % of their counting time, where 2 cores allow 100 %"},
		{"one process starved", with(py(2, 0.9, 0.33, 0.33), oncpu(0.7, 0.98, 0.49)), Unmeasured, "its 1 process had a core 70 % of its counting time, where 2 cores allow 100 %"},
		{"four processes starved", with(py(2, 0.6, 0.31, 0.5), oncpu(1, 0.97, 0.3)), Unmeasured, "its 4 processes had a core 30 % of their counting time, where 2 cores allow 50 %"},
		{"had the cores, still slow", with(py(2, 0.6, 0.55, 0.56), oncpu(1, 0.97, 0.49)), Disagrees, "2 processes were not clearly quicker than 1"},
		{"had the cores", with(py(2, 0.6, 0.31, 0.32), oncpu(1, 0.97, 0.49)), DependsOn, "CPython gave 1.94× with 2"},
		{"four of four cores", with(py(4, 4.85, 2.90, 1.69), oncpu(1, 0.99, 0.85)), Agrees, "as the tutorial says"},
	}, Unmeasured, DependsOn, Disagrees, Agrees)
}

func TestJudgeThird(t *testing.T) {
	base := Figures{"cores": 2, "go.threads.s": 0.1, "go.processes.s": 0.12}
	py := func(n, th, pr float64) Figures {
		return with(base, Figures{"cores": n, "cpython.threads.s": th, "cpython.processes.s": pr})
	}
	checkJudge(t, judgeThird, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", base, Unmeasured, "no python3"},
		{"the tutorial's figures", py(8, 2.53, 0.78), Agrees, "less than a third"},
		{"two cores, half", py(2, 2, 1.05), DependsOn, "which 2 cores cannot give"},
		{"processes no faster", py(2, 2, 1.9), Disagrees, "hardly outperformed"},
		{"eight cores, half", py(8, 2, 1), Disagrees, "not less than a third"},
	}, Unmeasured, Agrees, DependsOn, Disagrees)
}

func TestJudgeIOThreads(t *testing.T) {
	base := Figures{"pages": 8, "latency.s": 0.04, "go.sequential.s": 0.33, "go.goroutines.s": 0.041}
	py := func(seq, th float64) Figures {
		return with(base, Figures{"cpython.sequential.s": seq, "cpython.threads.s": th})
	}
	checkJudge(t, judgeIOThreads, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", base, Unmeasured, "no python3"},
		{"overlapped", py(0.34, 0.045), Agrees, "the threads' waits overlapped"},
		{"no overlap", py(0.34, 0.3), Disagrees, "hardly faster"},
		{"in part", py(0.34, 0.15), DependsOn, "only in part"},
	}, Unmeasured, Agrees, Disagrees, DependsOn)
}

func TestJudgeFootprint(t *testing.T) {
	base := Figures{"go.goroutine.kib": 2.5, "go.thread.kib": 20, "go.process.kib": 1200}
	checkJudge(t, judgeFootprint, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", base, Unmeasured, "no python3"},
		{"process dearer", with(base, Figures{"cpython.thread.kib": 60, "cpython.process.kib": 3000}), Agrees, "a larger footprint"},
		{"no dearer", with(base, Figures{"cpython.thread.kib": 60, "cpython.process.kib": 90}), Disagrees, "did not cost clearly more"},
		{"zero thread", with(base, Figures{"cpython.thread.kib": 0, "cpython.process.kib": 90}), Disagrees, "did not cost"},
	}, Unmeasured, Agrees, Disagrees)
}

func TestJudgeIPC(t *testing.T) {
	base := Figures{"bytes.small": 16, "bytes.large": 1 << 20, "go.channel.small.us": 0.2, "go.pipe.small.us": 30,
		"go.channel.large.us": 0.2, "go.pipe.large.us": 9000}
	py := func(ts, ps, tl, pl float64) Figures {
		return with(base, Figures{"cpython.thread.small.us": ts, "cpython.pipe.small.us": ps,
			"cpython.thread.large.us": tl, "cpython.pipe.large.us": pl})
	}
	checkJudge(t, judgeIPC, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", base, Unmeasured, "no python3"},
		{"pipe dearer", py(10, 40, 10, 900), Agrees, "more overhead"},
		{"no exponents", with(py(10, 40, 10, 900), Figures{"bytes.large": 65536}), Agrees, "with 65536"},
		{"same at the small size", py(10, 12, 10, 900), Disagrees, "not clearly more overhead"},
	}, Unmeasured, Agrees, Disagrees)
}

func TestJudgeMessages(t *testing.T) {
	base := Figures{"cores": 2, "messages.fine": 2000, "go.serial.s": 0.2, "go.coarse.s": 0.11, "go.fine.s": 0.2}
	py := func(n, serial, coarse, fine float64) Figures {
		return with(base, Figures{"cores": n, "cpython.serial.s": serial, "cpython.coarse.s": coarse, "cpython.fine.s": fine})
	}
	checkJudge(t, judgeMessages, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", base, Unmeasured, "no python3"},
		{"as the tutorial says", py(2, 1, 0.55, 0.9), Agrees, "still beat serial"},
		{"one core", py(1, 1, 1.1, 1.5), DependsOn, "1 core"},
		{"never beats serial", py(2, 1, 1, 1.5), Disagrees, "did not outperform serial"},
		{"never beats serial, tiny job", with(py(2, 1, 1, 1.5), Figures{"task.s": 0.02}), Disagrees, "each message's fixed cost"},
		{"messages free", py(2, 1, 0.55, 0.56), Disagrees, "cost nothing measurable"},
	}, Unmeasured, Agrees, DependsOn, Disagrees)
}

func TestSmallTask(t *testing.T) {
	assert.Empty(t, smallTask(nil))
	assert.Empty(t, smallTask(Figures{"task.s": 2}))
	assert.Contains(t, smallTask(Figures{"task.s": 0.02}), "only 20 ms on one core")
	assert.Equal(t, "65536", num(65536))
	assert.Equal(t, "1.97", num(1.97))
}
