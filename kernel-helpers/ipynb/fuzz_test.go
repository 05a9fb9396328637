package ipynb_test

import (
	"encoding/json"
	"testing"

	"concurrencylab/kernel-helpers/ipynb"
)

// FuzzParse feeds Parse damaged and hostile notebooks (seeds in
// testdata/fuzz/FuzzParse: a committed notebook, a truncated one, sources
// as a string and as a list, every output type, deep nesting, huge numbers,
// invalid UTF-8). It must return a notebook with cells or an error, never
// panic, and accept nothing that Tree refuses.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"cells": [{"cell_type": "markdown", "source": ["# A\n", "b"]}], "metadata": {}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		nb, err := ipynb.Parse(data)
		if err != nil {
			if nb != nil {
				t.Fatal("a notebook and an error")
			}
			return
		}
		if nb.Cells == nil {
			t.Fatal("a notebook without cells")
		}
		if nb.Plots() < 0 {
			t.Fatal("negative plots")
		}
		if _, err := ipynb.Tree(data); err != nil {
			t.Fatalf("Parse accepts what Tree refuses: %v", err)
		}
	})
}

// FuzzTree feeds Tree the same inputs: a tree with a list of cells, or an
// error; a tree must encode again.
func FuzzTree(f *testing.F) {
	f.Add([]byte(`{"cells": [], "metadata": {"concurrencylab": {"run_seconds": 1.0}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ipynb.Tree(data)
		if err != nil {
			return
		}
		if _, ok := doc["cells"].([]any); !ok {
			t.Fatal("a tree without a list of cells")
		}
		if _, err := json.Marshal(doc); err != nil {
			t.Fatalf("a tree that does not encode: %v", err)
		}
	})
}
