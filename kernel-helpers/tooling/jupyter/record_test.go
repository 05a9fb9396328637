package jupyter_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/quick"
	"concurrencylab/kernel-helpers/tooling/jupyter"
)

// fixture is a notebook as nbformat writes it, with a number written as
// 1.0 and characters encoding/json would escape by default.
const fixture = `{
 "cells": [
  {
   "cell_type": "markdown",
   "metadata": {},
   "source": [
    "# A <b>title</b> & more\n"
   ]
  }
 ],
 "metadata": {
  "concurrencylab": {
   "plots": 0,
   "summary": "One line."
  },
  "language_info": {
   "version": 1.0
  }
 },
 "nbformat": 4,
 "nbformat_minor": 5
}
`

func TestSetRun(t *testing.T) {
	out, err := jupyter.SetRun([]byte(fixture), jupyter.Run{Duration: 83600 * time.Millisecond, Machine: "2 cores, Go 1.26.8"})
	require.NoError(t, err)
	want := `  "concurrencylab": {
   "plots": 0,
   "run_machine": "2 cores, Go 1.26.8",
   "run_seconds": 84,
   "summary": "One line."
  },`
	assert.Contains(t, string(out), want)
	assert.Contains(t, string(out), `"# A <b>title</b> & more\n"`, "no HTML escaping")
	assert.Contains(t, string(out), `"version": 1.0`, "numbers kept as written")

	// Recording again replaces the figures; nothing else moves.
	again, err := jupyter.SetRun(out, jupyter.Run{Duration: 100 * time.Millisecond, Machine: "1 core, Go 1.26.8"})
	require.NoError(t, err)
	var meta struct {
		Metadata struct {
			Course map[string]any `json:"concurrencylab"`
		} `json:"metadata"`
	}
	require.NoError(t, json.Unmarshal(again, &meta))
	assert.Equal(t, map[string]any{"plots": 0.0, "summary": "One line.", "run_seconds": 1.0, "run_machine": "1 core, Go 1.26.8"},
		meta.Metadata.Course, "a run under a second records 1 s, never 0")
}

func TestClearRun(t *testing.T) {
	with, err := jupyter.SetRun([]byte(fixture), jupyter.Run{Duration: time.Minute, Machine: "2 cores"})
	require.NoError(t, err)
	without, err := jupyter.ClearRun(with)
	require.NoError(t, err)
	assert.Equal(t, fixture, string(without))

	p := filepath.Join(t.TempDir(), "nb.ipynb")
	require.NoError(t, os.WriteFile(p, with, 0o644))
	require.NoError(t, jupyter.RecordRun(p, jupyter.Run{}))
	got, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, fixture, string(got), "a zero run clears")
	_, err = jupyter.ClearRun([]byte("{"))
	assert.Error(t, err)
}

func TestSetRunErrors(t *testing.T) {
	ok := jupyter.Run{Duration: time.Second, Machine: "2 cores"}
	for name, tt := range map[string]struct {
		nb  string
		run jupyter.Run
	}{
		"not JSON":      {"{", ok},
		"not notebook":  {`{"a": 1}`, ok},
		"no duration":   {fixture, jupyter.Run{Machine: "2 cores"}},
		"no machine":    {fixture, jupyter.Run{Duration: time.Second}},
		"negative time": {fixture, jupyter.Run{Duration: -time.Second, Machine: "x"}},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := jupyter.SetRun([]byte(tt.nb), tt.run)
			assert.Error(t, err)
		})
	}
	assert.Error(t, jupyter.RecordRun(filepath.Join(t.TempDir(), "missing.ipynb"), ok))
}

// TestSetRunKeepsCommittedNotebooks writes a run into each committed
// notebook and checks that only the metadata's run keys differ from the
// file: the diff of `make notebooks` shows the figures, not a reformatting.
func TestSetRunKeepsCommittedNotebooks(t *testing.T) {
	paths, err := filepath.Glob("../../../notebooks/*.ipynb")
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			orig, err := os.ReadFile(p)
			require.NoError(t, err)
			tmp := filepath.Join(t.TempDir(), "nb.ipynb")
			require.NoError(t, os.WriteFile(tmp, orig, 0o644))
			require.NoError(t, jupyter.RecordRun(tmp, jupyter.Run{Duration: 42 * time.Second, Machine: "2 cores, Go 1.26.8"}))
			got, err := os.ReadFile(tmp)
			require.NoError(t, err)
			assert.Equal(t, string(withoutRun(t, orig)), string(withoutRun(t, got)))
			assert.Contains(t, string(got), `"run_seconds": 42`)
		})
	}
}

// withoutRun drops the lines of the run keys.
func withoutRun(t *testing.T, nb []byte) []byte {
	t.Helper()
	var out []byte
	for _, line := range splitLines(nb) {
		s := string(line)
		if containsKey(s, jupyter.RunSecondsKey) || containsKey(s, jupyter.RunMachineKey) {
			continue
		}
		out = append(out, line...)
	}
	return out
}

func containsKey(line, key string) bool {
	return len(line) > 0 && json.Valid([]byte("{"+trimComma(line)+"}")) && jsonKey(line) == key
}

func trimComma(s string) string {
	for len(s) > 0 && (s[len(s)-1] == '\n' || s[len(s)-1] == ',') {
		s = s[:len(s)-1]
	}
	return s
}

func jsonKey(line string) string {
	var m map[string]any
	if json.Unmarshal([]byte("{"+trimComma(line)+"}"), &m) != nil {
		return ""
	}
	for k := range m {
		return k
	}
	return ""
}

func splitLines(b []byte) [][]byte {
	var lines [][]byte
	for len(b) > 0 {
		i := 0
		for i < len(b) && b[i] != '\n' {
			i++
		}
		if i < len(b) {
			i++
		}
		lines = append(lines, b[:i])
		b = b[i:]
	}
	return lines
}

func TestQuick(t *testing.T) {
	t.Setenv(quick.Env, "")
	assert.False(t, (&jupyter.Env{}).Quick())
	assert.True(t, (&jupyter.Env{Extra: []string{quick.Env + "=1"}}).Quick())
	assert.False(t, (&jupyter.Env{Extra: []string{quick.Env + "=0"}}).Quick())
	t.Setenv(quick.Env, "1")
	assert.True(t, (&jupyter.Env{}).Quick())
}
