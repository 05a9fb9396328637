package nbcheck

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// Notebook is the part of the .ipynb format (nbformat 4) the checks read.
type Notebook struct {
	Cells    []Cell   `json:"cells"`
	Metadata Metadata `json:"metadata"`
}

// Metadata holds the notebook-level metadata the course uses.
type Metadata struct {
	// Course is the course's own metadata, under the "concurrencylab" key.
	Course struct {
		// Plots is how many plots the notebook is meant to show.
		Plots int `json:"plots"`
	} `json:"concurrencylab"`
}

// Cell is one notebook cell.
type Cell struct {
	Type           string   `json:"cell_type"`
	Source         Text     `json:"source"`
	ExecutionCount *int     `json:"execution_count"`
	Outputs        []Output `json:"outputs"`
}

// Output is one output of a code cell.
type Output struct {
	Type      string          `json:"output_type"` // stream, display_data, execute_result or error
	Name      string          `json:"name"`        // stdout or stderr, for streams
	Text      Text            `json:"text"`
	Data      map[string]Text `json:"data"`
	EName     string          `json:"ename"`
	EValue    string          `json:"evalue"`
	Traceback []string        `json:"traceback"`
}

// Text is a multi-line string field, stored by Jupyter either as one string
// or as a list of lines.
type Text string

// UnmarshalJSON accepts a string or a list of strings.
func (t *Text) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*t = Text(s)
		return nil
	}
	var lines []string
	if err := json.Unmarshal(b, &lines); err != nil {
		// Other JSON values (e.g. application/json outputs) are kept as raw text.
		*t = Text(b)
		return nil
	}
	*t = Text(strings.Join(lines, ""))
	return nil
}

// Load reads and parses the notebook at path.
func Load(path string) (*Notebook, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("nbcheck: %w", err)
	}
	return Parse(b)
}

// Parse parses a notebook from its JSON.
func Parse(b []byte) (*Notebook, error) {
	var nb Notebook
	if err := json.Unmarshal(b, &nb); err != nil {
		return nil, fmt.Errorf("nbcheck: not a notebook: %w", err)
	}
	return &nb, nil
}

// Plots counts the plots a notebook shows: PNG or SVG images, SVG embedded
// in HTML (GoNB's own way), and HTML <img> elements holding a data: image
// (the course's way, package display, which survives an untrusted open).
func (nb *Notebook) Plots() int {
	n := 0
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			if o.isPlot() {
				n++
			}
		}
	}
	return n
}

func (o Output) isPlot() bool {
	if _, ok := o.Data["image/png"]; ok {
		return true
	}
	if _, ok := o.Data["image/svg+xml"]; ok {
		return true
	}
	h := string(o.Data["text/html"])
	return strings.Contains(h, "<svg") || strings.Contains(h, `<img src="data:image/`)
}
