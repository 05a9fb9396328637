package datarace_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/claims"
	"concurrencylab/kernel-helpers/lessons/02-threads/datarace"
)

func TestThreadsFiguresAndMarkdown(t *testing.T) {
	th := datarace.Threads{Procs: 1, Go: datarace.Losses{Goroutines: 2, Increments: 100, Lost: []int64{0, 50}}, PyErr: datarace.ErrNoPython}
	assert.Equal(t, claims.Figures{"go.gomaxprocs1.lost.pct": 25}, th.GILFigures())
	assert.Equal(t, claims.Figures{"go.trials": 2, "go.trials.losing": 1, "go.worst.pct": 25}, th.UnexpectedFigures())
	md := th.Markdown()
	assert.Contains(t, md, "Go, GOMAXPROCS=1: lost")
	assert.Contains(t, md, "no python3 on this machine")

	th.Py = &datarace.PyThreadRace{Python: datarace.PythonInfo{Version: "3.11.7", GILEnabled: true, SwitchMS: 5},
		Threads: 2, Increments: 100, Expected: 200, Plain: []int64{0, 0}, Split: []int64{10, 100}}
	th.Detector = &datarace.Report{Races: 2}
	th.PyErr = nil
	assert.Equal(t, claims.Figures{"go.gomaxprocs1.lost.pct": 25, "cpython.gil": 1, "cpython.expected": 200, "cpython.plain.lost": 0, "cpython.split.lost": 100}, th.GILFigures())
	assert.Equal(t, 2.0, th.UnexpectedFigures()["go.detector.races"])
	md = th.Markdown()
	assert.Contains(t, md, "CPython 3.11.7, with the GIL")
	assert.Contains(t, md, "| 2 | 50 | 0 | 100 |")
}

func TestProcessesFiguresAndMarkdown(t *testing.T) {
	p := datarace.Processes{
		Go:    datarace.ProcLosses{Processes: 2, Increments: 1000, Unsafe: []int64{300, 10}, Safe: []int64{0, 0}},
		PyErr: errors.New("boom"),
	}
	assert.Equal(t, claims.Figures{"go.procs.unsafe.lost": 300, "go.procs.safe.lost": 0, "go.procs.expected": 2000}, p.Figures())
	assert.Contains(t, p.Markdown(), "CPython side not run: boom")
	p.GoErr, p.PyErr = errors.New("no mmap"), nil
	p.Py = datarace.ProcLosses{Processes: 2, Increments: 10, Unsafe: []int64{3}, Safe: []int64{0}, StartMethod: "fork"}
	assert.Equal(t, claims.Figures{"cpython.procs.unsafe.lost": 3, "cpython.procs.safe.lost": 0, "cpython.procs.expected": 20}, p.Figures())
	md := p.Markdown()
	assert.Contains(t, md, "CPython (fork)")
	assert.Contains(t, md, "Go side not run: no mmap")
}

func TestCheckFixes(t *testing.T) {
	skipUnderRace(t)
	f, err := datarace.CheckFixes(t.Context(), 2, 1000, 2)
	require.NoError(t, err)
	assert.Equal(t, map[string]int64{"mutex": 0, "atomic": 0, "channel": 0}, f.Lost)
	figs := f.Figures()
	assert.True(t, figs.Has("go.unsafe.losing", "go.mutex.lost", "go.atomic.lost", "go.channel.lost"))
	_, err = datarace.CheckFixes(t.Context(), 0, 10, 1)
	assert.Error(t, err)
}

func TestProcShareSource(t *testing.T) {
	src, err := datarace.ProcShareSource("child")
	require.NoError(t, err)
	assert.Contains(t, src, "syscall.Mmap")
}

func TestFixesMarkdown(t *testing.T) {
	f := datarace.Fixes{Unsafe: datarace.Losses{Goroutines: 2, Increments: 100, Lost: []int64{0, 20}},
		Lost: map[string]int64{"mutex": 0, "atomic": 0, "channel": 0}}
	assert.Equal(t, "Updates lost with 2 goroutines × 100 increments: mutex 0, atomic 0, channel 0; with no synchronisation, 1 of 2 trials lost updates (worst 10.0%).", f.Markdown())
	f.Unsafe.Lost = []int64{0, 0}
	assert.Contains(t, f.Markdown(), "none of 2 trials happened to lose")
}
