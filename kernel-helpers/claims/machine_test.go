package claims

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/contention"
	"concurrencylab/kernel-helpers/internal/hog"
)

// agreeing are figures on which claim 001-16-cpus agrees (16 cores, 12×).
var agreeing = Figures{"cores": 16, "go.threads.s": 0.5, "go.processes.s": 0.52, "cpython.threads.s": 5.1, "cpython.processes.s": 0.42}

func TestSharedMachineIsNotJudged(t *testing.T) {
	c, err := Get("001-16-cpus")
	require.NoError(t, err)
	judged := c.Check(agreeing)
	require.Equal(t, Agrees, judged.Outcome, "the figures agree on a quiet machine")

	for _, tc := range []struct {
		name string
		f    Figures
		want Outcome
		text string
	}{
		{"quiet", Figures{FigureShared: 0, FigureBusy: 0, FigureOthersCPU: 0.02, FigureSteal: 0}, Agrees, "on 16 cores"},
		{"three busy processes", Figures{FigureShared: 1, FigureBusy: 3, FigureOthersCPU: 1.7, FigureSteal: 0}, Unmeasured,
			"Not judged: 3 other busy processes (1.7 cores' worth of CPU) shared this machine while it was measured; speedups here are not reliable; rerun when the machine is quiet."},
		{"one busy process", Figures{FigureBusy: 1, FigureOthersCPU: 0.9}, Unmeasured, "1 other busy process (0.9 cores' worth"},
		{"stolen by the hypervisor", Figures{FigureShared: 1, FigureBusy: 0, FigureSteal: 0.2}, Unmeasured, "20 % of the CPU time stolen by the hypervisor"},
		{"shared, no detail", Figures{FigureShared: 1}, Unmeasured, "other work on the machine"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := c.Check(plus(agreeing, tc.f))
			assert.Equal(t, tc.want, v.Outcome, v.Text)
			assert.Contains(t, v.Text, tc.text)
			assert.Equal(t, judged.CPython, v.CPython, "the ledger still shows this machine's figures")
			assert.Equal(t, judged.Go, v.Go)
		})
	}
	t.Run("a judge's own reason stays", func(t *testing.T) {
		v := c.Check(Figures{FigureShared: 1, FigureBusy: 2})
		assert.Equal(t, Unmeasured, v.Outcome)
		assert.NotContains(t, v.Text, "busy")
	})
	t.Run("the rendered claim says it", func(t *testing.T) {
		md := c.Markdown(plus(agreeing, Figures{FigureShared: 1, FigureBusy: 2, FigureOthersCPU: 1.5}))
		assert.Contains(t, md, "**Verdict: not measured** — Not judged: 2 other busy processes")
	})
}

func TestWithMachine(t *testing.T) {
	busy := contention.Sample{Known: true, Cores: 2, Busy: 2, OthersCPU: 1.5}
	quiet := contention.Sample{Known: true, Cores: 2}
	f := WithMachine(Figures{"cores": 2}, quiet, busy)
	assert.Equal(t, Figures{"cores": 2, FigureShared: 1, FigureBusy: 2, FigureOthersCPU: 1.5, FigureSteal: 0}, f)
	assert.Equal(t, Figures{"cores": 2}, WithMachine(Figures{"cores": 2}, contention.Sample{}), "an unknown sample adds nothing")
	assert.Equal(t, Figures{FigureShared: 0, FigureBusy: 0, FigureOthersCPU: 0, FigureSteal: 0}, WithMachine(nil, quiet))
}

// The hog-driven side: a real measurement (bench.Run) beside two CPU hogs
// that are not this test's children (package hog) gives figures that are
// not judged.

func spin(d time.Duration) func() error {
	return func() error {
		for end := time.Now().Add(d); time.Now().Before(end); {
		}
		return nil
	}
}

func TestVerdictBesideTwoHogs(t *testing.T) {
	if _, err := os.Stat("/proc/stat"); err != nil {
		t.Skip("no /proc here")
	}
	hog.Start(t)
	hog.Start(t)
	r, err := bench.Run(context.Background(), bench.Options{Name: "spin", Reps: 3}, spin(150*time.Millisecond))
	require.NoError(t, err)
	require.NotNil(t, r.Contention)
	assert.GreaterOrEqual(t, r.Contention.Busy, 2, "the two hogs: %s", r.Contention)

	v, err := Check("001-16-cpus", WithMachine(agreeing, *r.Contention))
	require.NoError(t, err)
	assert.Equal(t, Unmeasured, v.Outcome)
	assert.Contains(t, v.Text, "other busy processes")
	assert.Contains(t, v.Text, "rerun when the machine is quiet")

	m := Measured(agreeing)
	assert.Equal(t, 1.0, m[FigureShared], "Measured adds the worst sample of this program: %v", m)
	assert.NotContains(t, agreeing, FigureShared, "Measured copies")
}

func TestVerdictOnAQuietMachine(t *testing.T) {
	if _, err := os.Stat("/proc/stat"); err != nil {
		t.Skip("no /proc here")
	}
	r, err := bench.Run(context.Background(), bench.Options{Name: "spin", Reps: 3}, spin(100*time.Millisecond))
	require.NoError(t, err)
	require.NotNil(t, r.Contention)
	if r.Contention.Shared() {
		t.Skipf("the machine is not quiet now, so a quiet verdict cannot be checked: %s", r.Contention)
	}
	v, err := Check("001-16-cpus", WithMachine(agreeing, *r.Contention))
	require.NoError(t, err)
	assert.Equal(t, Agrees, v.Outcome, v.Text)
}
