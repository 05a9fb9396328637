package contention

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseStat(t *testing.T) {
	data := []byte("cpu  100 5 50 800 10 3 2 30 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 1\nprocs_running 4\nprocs_blocked 0\n")
	c, running, err := parseStat(data)
	require.NoError(t, err)
	assert.Equal(t, cpuTimes{busy: 160, steal: 30, total: 1000}, c)
	assert.Equal(t, 4, running)

	_, _, err = parseStat([]byte("intr 1\n"))
	assert.Error(t, err, "no cpu line")
	_, _, err = parseStat([]byte("cpu 1 x 3\nprocs_running 1\n"))
	assert.Error(t, err, "a cpu figure that is not a number")
}

func TestParseLoad(t *testing.T) {
	l, err := parseLoad([]byte("4.21 3.00 2.50 3/412 9999\n"))
	require.NoError(t, err)
	assert.Equal(t, 4.21, l)
	_, err = parseLoad(nil)
	assert.Error(t, err)
}

func TestParseProcStat(t *testing.T) {
	// comm may hold spaces and parentheses; fields are counted from the last ')'.
	line := "1234 (a (b) c) R 99 1 1 0 -1 4194560 100 0 0 0 250 50 7 3 20 0 3 0 100 1000 100 18446744073709551615"
	p, err := parseProcStat([]byte(line))
	require.NoError(t, err)
	assert.Equal(t, proc{ppid: 99, comm: "a (b) c", state: 'R', ticks: 300, children: 10}, p)

	for name, bad := range map[string]string{"no comm": "1234 R 99", "short": "1 (x) S 0 1"} {
		_, err := parseProcStat([]byte(bad))
		assert.Error(t, err, name)
	}
}

// machine builds a look: self is pid 10 under 5 (its kernel) under 1; 11 is
// self's child; 20 and 21 are other programs, 22 another GoNB kernel.
func machine(at time.Time, busy, steal, total uint64, running int, procs map[int]proc) *look {
	return &look{at: at, cpu: cpuTimes{busy: busy, steal: steal, total: total}, running: running, load1: 1.5, self: 10, procs: procs}
}

func TestBetween(t *testing.T) {
	t0 := time.Unix(1000, 0)
	a := machine(t0, 1000, 0, 5000, 3, map[int]proc{
		1: {comm: "init", state: 'S'}, 5: {ppid: 1, comm: "gonb", state: 'S', ticks: 10},
		10: {ppid: 5, comm: "cell", state: 'R', ticks: 0}, 11: {ppid: 10, comm: "python3", state: 'R'},
		20: {ppid: 1, comm: "hog", state: 'R', ticks: 100}, 21: {ppid: 1, comm: "idle", state: 'S', ticks: 7},
		22: {ppid: 1, comm: "gonb", state: 'S'},
	})
	// One second later: the machine did 180 ticks (1.8 cores' worth); self
	// 50 and its child 40, the kernel 10; the hog 75, the idle one 1.
	b := machine(t0.Add(time.Second), 1180, 10, 5200, 2, map[int]proc{
		1: {comm: "init", state: 'S'}, 5: {ppid: 1, comm: "gonb", state: 'S', ticks: 20},
		10: {ppid: 5, comm: "cell", state: 'R', ticks: 50}, 11: {ppid: 10, comm: "python3", state: 'S', ticks: 40},
		20: {ppid: 1, comm: "hog", state: 'R', ticks: 175}, 21: {ppid: 1, comm: "idle", state: 'S', ticks: 8},
		22: {ppid: 1, comm: "gonb", state: 'S'},
	})
	s := between(a, b, 2)
	assert.True(t, s.Known)
	assert.Equal(t, 1, s.Busy, "the hog; not this program, its child or its kernel")
	assert.Equal(t, []string{"hog"}, s.Names)
	assert.Equal(t, []int{20}, s.busyPIDs)
	assert.InDelta(t, 0.8, s.OthersCPU, 1e-9, "180 ticks less ours (50+40+10) in one second")
	assert.InDelta(t, 0.05, s.Steal, 1e-9)
	assert.Equal(t, 2, s.Runnable)
	assert.Equal(t, 1, s.OtherKernels, "the other gonb, not ours")
	assert.True(t, s.Shared())

	t.Run("short window uses the runnable state", func(t *testing.T) {
		b2 := *b
		b2.at = t0.Add(50 * time.Millisecond)
		s := between(a, &b2, 2)
		assert.Equal(t, 1, s.Busy)
	})
	t.Run("busy means CPU used, not runnable at one look", func(t *testing.T) {
		b3 := *b
		b3.procs = map[int]proc{}
		for k, v := range b.procs {
			b3.procs[k] = v
		}
		b3.procs[20] = proc{ppid: 1, comm: "hog", state: 'R', ticks: 120} // a fifth of a core: a hog among many runnable threads
		b3.procs[21] = proc{ppid: 1, comm: "idle", state: 'S', ticks: 7}
		b3.procs[23] = proc{ppid: 1, comm: "waking", state: 'R', ticks: 0}
		s := between(a, &b3, 2)
		assert.Equal(t, 1, s.Busy, "the hog (a fifth of a core); not the idle one, nor one runnable at the end that used no CPU")
		b3.threadRunnable = func(pid int) bool { return pid == 21 }
		b3.procs[21] = proc{ppid: 1, comm: "idle", state: 'S', ticks: 8}
		assert.Equal(t, 1, between(a, &b3, 2).Busy, "a process runnable at the end that used little CPU (a daemon waking) is not busy")
	})
	t.Run("the kernel's other children are the notebook's own", func(t *testing.T) {
		a4, b4 := *a, *b
		a4.procs, b4.procs = map[int]proc{}, map[int]proc{}
		for k, v := range a.procs {
			a4.procs[k] = v
		}
		for k, v := range b.procs {
			b4.procs[k] = v
		}
		a4.procs[12] = proc{ppid: 5, comm: "gopls", state: 'S', ticks: 0}
		b4.procs[12] = proc{ppid: 5, comm: "gopls", state: 'R', ticks: 50} // half a core, beside the cell
		s := between(&a4, &b4, 2)
		assert.Equal(t, []int{20}, s.busyPIDs, "gopls, a child of this cell's kernel, is not another program")
	})
	t.Run("quiet", func(t *testing.T) {
		q := *b
		q.procs = map[int]proc{1: a.procs[1], 5: a.procs[5], 10: {ppid: 5, comm: "cell", state: 'R', ticks: 90}, 20: {ppid: 1, comm: "hog", state: 'S', ticks: 100}}
		q.cpu = cpuTimes{busy: 1090, total: 5200}
		s := between(a, &q, 2)
		assert.Equal(t, 0, s.Busy)
		assert.InDelta(t, 0, s.OthersCPU, 1e-9)
		assert.False(t, s.Shared())
		assert.Equal(t, "", s.Warning())
	})
}

func TestFamily(t *testing.T) {
	l := &look{procs: map[int]proc{1: {}, 5: {ppid: 1}, 10: {ppid: 5}, 11: {ppid: 10}, 12: {ppid: 11}, 13: {ppid: 5}, 14: {ppid: 1}}}
	fam := family(10, l)
	assert.Equal(t, map[int]bool{5: true, 10: true, 11: true, 12: true}, fam,
		"self, its ancestors below init and its descendants; not its kernel's other children")
}

func TestSampleWords(t *testing.T) {
	busy := Sample{Known: true, Cores: 2, Busy: 3, Names: []string{"a", "b", "c"}, OthersCPU: 1.7, Runnable: 5, Load1: 4.2, OtherKernels: 2}
	assert.Equal(t, "3 other busy processes (a, b, c): 1.7 of 2 cores' worth of CPU; runnable 5, load 4.2, steal 0 %, 2 other GoNB kernels open", busy.String())
	assert.Equal(t, "While this ran: "+busy.String()+". Speedups here are not reliable; rerun when the machine is quiet.", busy.Warning())
	assert.Equal(t, map[string]float64{FigureBusy: 3, FigureOthersCPU: 1.7, FigureSteal: 0, FigureShared: 1}, busy.Figures())

	stolen := Sample{Known: true, Cores: 2, Steal: 0.2}
	assert.True(t, stolen.Shared())
	assert.Contains(t, stolen.Warning(), "a hypervisor took 20 % of the CPU time")

	quiet := Sample{Known: true, Cores: 1, Busy: 0}
	assert.Equal(t, "no other busy process: 0.0 of 1 core's worth of CPU; runnable 0, load 0.0, steal 0 %", quiet.String())
	assert.Equal(t, 0.0, quiet.Figures()[FigureShared])

	assert.False(t, Sample{}.Shared())
	assert.Nil(t, Sample{}.Figures())
	assert.Contains(t, Sample{}.String(), "unknown")
}

func TestJudge(t *testing.T) {
	quiet := Sample{Known: true, Cores: 2}
	busy := Sample{Known: true, Cores: 2, Busy: 2, OthersCPU: 1.9}
	calls := 0
	verdict := func() string { calls++; return "speedup 1.9×, close to the ideal" }

	assert.Equal(t, "speedup 1.9×, close to the ideal", Judge([]Sample{quiet, quiet}, verdict))
	assert.Equal(t, busy.Warning(), Judge([]Sample{quiet, busy}, verdict))
	assert.Equal(t, 1, calls, "a shared machine's verdict is not computed")
	assert.Equal(t, "speedup 1.9×, close to the ideal", Judge(nil, verdict), "no sample: judged as before")
	assert.Equal(t, "", Judge([]Sample{quiet}, nil))

	assert.Equal(t, busy, Worst(quiet, busy, Sample{}))
	assert.Equal(t, Sample{Known: true, Cores: 2, Busy: 3}, Worst(busy, Sample{Known: true, Cores: 2, Busy: 3}))
}
