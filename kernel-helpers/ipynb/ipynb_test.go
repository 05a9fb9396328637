package ipynb_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/ipynb"
)

func TestParse(t *testing.T) {
	nb, err := ipynb.Parse([]byte(`{
	 "cells": [
	  {"cell_type": "markdown", "metadata": {}, "source": ["# Title\n", "text"]},
	  {"cell_type": "code", "execution_count": 3, "metadata": {"concurrencylab": {"exercise": {"id": "01-ask", "role": "stub", "title": "Ask"}}},
	   "source": "x := 1",
	   "outputs": [
	    {"output_type": "stream", "name": "stdout", "text": ["a\n", "b\n"]},
	    {"output_type": "display_data", "data": {"image/png": "iVBOR", "application/json": {"k": [1, 2]}}, "metadata": {}},
	    {"output_type": "execute_result", "execution_count": 3, "data": {"text/plain": ["1"]}, "metadata": {}},
	    {"output_type": "error", "ename": "E", "evalue": "v", "traceback": ["t1", "t2"]}
	   ]}
	 ],
	 "metadata": {"concurrencylab": {"summary": " s ", "objectives": ["a"], "prerequisites": ["00-overview.ipynb"],
	  "reading_minutes": 7, "run_seconds": 61.5, "run_machine": "m", "plots": 2}},
	 "nbformat": 4, "nbformat_minor": 5
	}`))
	require.NoError(t, err)
	require.Len(t, nb.Cells, 2)
	assert.Equal(t, ipynb.Text("# Title\ntext"), nb.Cells[0].Source, "a list of lines is joined")
	c := nb.Cells[1]
	assert.Equal(t, ipynb.Text("x := 1"), c.Source, "a string is kept")
	require.NotNil(t, c.ExecutionCount)
	assert.Equal(t, 3, *c.ExecutionCount)
	assert.Equal(t, ipynb.Exercise{ID: "01-ask", Role: "stub", Title: "Ask"}, c.Metadata.Course.Exercise)
	require.Len(t, c.Outputs, 4)
	assert.Equal(t, ipynb.Text("a\nb\n"), c.Outputs[0].Text)
	assert.Equal(t, ipynb.Text(`{"k": [1, 2]}`), c.Outputs[1].Data["application/json"], "other JSON is kept as its text")
	assert.Equal(t, []string{"t1", "t2"}, c.Outputs[3].Traceback)
	assert.Equal(t, ipynb.Course{Summary: " s ", Objectives: []string{"a"}, Prerequisites: []string{"00-overview.ipynb"},
		ReadingMinutes: 7, RunSeconds: 61.5, RunMachine: "m", Plots: 2}, nb.Metadata.Course)
	assert.Equal(t, 1, nb.Plots())
}

func TestParseRefuses(t *testing.T) {
	for name, in := range map[string]string{
		"empty":           ``,
		"not JSON":        `not json`,
		"truncated":       `{"cells": [{"cell_type": "code", "sou`,
		"null":            `null`,
		"a list":          `[]`,
		"no cells":        `{"metadata": {}}`,
		"null cells":      `{"cells": null}`,
		"Cells":           `{"Cells": [{"0": [{"0": {"": ["0"]}}]}]}`,
		"cells not list":  `{"cells": {}}`,
		"huge number":     `{"cells": [{"execution_count": 1e999}]}`,
		"number too big":  `{"cells": [], "metadata": {"concurrencylab": {"plots": 99999999999999999999}}}`,
		"trailing object": `{"cells": []} {}`,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ipynb.Parse([]byte(in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), "not a notebook")
			if name != "trailing object" && name != "number too big" && name != "huge number" {
				_, err = ipynb.Tree([]byte(in))
				assert.Error(t, err, "Tree")
			}
		})
	}
}

func TestLimits(t *testing.T) {
	big := []byte(`{"cells": [], "x": "` + strings.Repeat("a", ipynb.MaxSize) + `"}`)
	_, err := ipynb.Parse(big)
	require.ErrorContains(t, err, "16 MiB limit (ipynb.MaxSize)")
	_, err = ipynb.Tree(big)
	require.ErrorContains(t, err, "ipynb.MaxSize")

	many := []byte(`{"cells": [` + strings.Repeat(`{},`, ipynb.MaxValues) + `{}]}`)
	_, err = ipynb.Parse(many)
	require.ErrorContains(t, err, "100000 JSON values (ipynb.MaxValues)")
	_, err = ipynb.Tree(many)
	require.ErrorContains(t, err, "ipynb.MaxValues")

	deep := []byte(`{"cells": [], "x": ` + strings.Repeat(`[`, ipynb.MaxDepth) + strings.Repeat(`]`, ipynb.MaxDepth) + `}`)
	_, err = ipynb.Parse(deep)
	require.ErrorContains(t, err, "nested more than 64 deep (ipynb.MaxDepth)")
	_, err = ipynb.Tree(deep)
	require.ErrorContains(t, err, "ipynb.MaxDepth")
	deep = []byte(`{"cells": [], "x": ` + strings.Repeat(`[`, ipynb.MaxDepth-1) + strings.Repeat(`]`, ipynb.MaxDepth-1) + `}`)
	_, err = ipynb.Parse(deep)
	assert.NoError(t, err, "the limit itself is accepted")

	// Separators inside strings are text, not values.
	text := []byte(`{"cells": [], "x": "` + strings.Repeat(`{[,:\"`, ipynb.MaxValues) + `"}`)
	_, err = ipynb.Parse(text)
	assert.NoError(t, err)
}

// TestAllocationIsBounded decodes the worst shapes found (many small values
// of the costliest kinds) just under the limits, and holds what decoding
// allocates to the bound the package doc states.
func TestAllocationIsBounded(t *testing.T) {
	n := ipynb.MaxValues/2 - 100 // each small value and the comma after it count two
	shapes := map[string]string{
		"empty cells":   `{"cells": [` + strings.Repeat(`{},`, n) + `{}]}`,
		"empty outputs": `{"cells": [{"outputs": [` + strings.Repeat(`{},`, n) + `{}]}]}`,
		"short lines":   `{"cells": [{"source": [` + strings.Repeat(`"",`, n) + `""]}]}`,
		"lists":         `{"cells": [` + strings.Repeat(`[],`, n) + `[]]}`,
		"numbers":       `{"cells": [` + strings.Repeat(`0,`, n) + `0]}`,
		"deep":          `{"cells": [], "x": ` + strings.Repeat(`[`, ipynb.MaxDepth-1) + strings.Repeat(`]`, ipynb.MaxDepth-1) + `}`,
		"long string":   `{"cells": [{"source": "` + strings.Repeat(`a`, ipynb.MaxSize-100) + `"}]}`,
	}
	for name, s := range shapes {
		in := []byte(s)
		for _, dec := range []struct {
			name string
			f    func([]byte) error
		}{
			{"Parse", func(b []byte) error { _, err := ipynb.Parse(b); return err }},
			{"Tree", func(b []byte) error { _, err := ipynb.Tree(b); return err }},
		} {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_ = dec.f(in)
			runtime.ReadMemStats(&after)
			got := after.TotalAlloc - before.TotalAlloc
			t.Logf("%s %s: %d bytes in, %d allocated", dec.name, name, len(in), got)
			assert.LessOrEqual(t, got, uint64(6*len(in)+1024*ipynb.MaxValues), "%s of %s", dec.name, name)
		}
	}
}

func TestCommittedNotebooksParse(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("..", "..", "notebooks", "*.ipynb"))
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	for _, p := range paths {
		nb, err := ipynb.Read(p)
		require.NoError(t, err, p)
		assert.NotEmpty(t, nb.Cells, p)
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		doc, err := ipynb.Tree(b)
		require.NoError(t, err, p)
		assert.Equal(t, json.Number("4"), doc["nbformat"], p)
	}
}

func TestReadErrorsNameNoFolder(t *testing.T) {
	dir := t.TempDir()
	_, err := ipynb.Read(filepath.Join(dir, "missing.ipynb"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "missing.ipynb")
	assert.NotContains(t, err.Error(), dir)

	bad := filepath.Join(dir, "bad.ipynb")
	require.NoError(t, os.WriteFile(bad, []byte(`{"cells": 1}`), 0o600))
	_, err = ipynb.Read(bad)
	require.ErrorContains(t, err, "bad.ipynb: not a notebook")
	assert.NotContains(t, err.Error(), dir)

	huge := filepath.Join(dir, "huge.ipynb")
	f, err := os.Create(huge)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(ipynb.MaxSize+1))
	require.NoError(t, f.Close())
	_, err = ipynb.Read(huge)
	require.ErrorContains(t, err, "huge.ipynb: more than 16 MiB")
	assert.NotContains(t, err.Error(), dir)
}

func TestPlotsOfNil(t *testing.T) {
	var nb *ipynb.Notebook
	assert.Equal(t, 0, nb.Plots())
}
