package nbcheck

import (
	"fmt"

	"concurrencylab/kernel-helpers/ipynb"
)

// The notebook format is package ipynb's, the one decoder of notebooks in
// the course; these names keep the checks' callers as they were.
type (
	// Notebook is the part of the .ipynb format (nbformat 4) the checks read.
	Notebook = ipynb.Notebook
	// Metadata holds the notebook-level metadata the course uses; the
	// checks read Course.Plots, how many plots the notebook is meant to show.
	Metadata = ipynb.Metadata
	// Cell is one notebook cell.
	Cell = ipynb.Cell
	// Output is one output of a code cell.
	Output = ipynb.Output
	// Text is a multi-line string field, stored by Jupyter either as one
	// string or as a list of lines.
	Text = ipynb.Text
)

// Load reads and parses the notebook at path (at most [ipynb.MaxSize]).
func Load(path string) (*Notebook, error) {
	nb, err := ipynb.Read(path)
	if err != nil {
		return nil, fmt.Errorf("nbcheck: %w", err)
	}
	return nb, nil
}

// Parse parses a notebook from its JSON (see [ipynb.Parse]).
func Parse(b []byte) (*Notebook, error) {
	nb, err := ipynb.Parse(b)
	if err != nil {
		return nil, fmt.Errorf("nbcheck: %w", err)
	}
	return nb, nil
}
