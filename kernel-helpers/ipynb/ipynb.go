package ipynb

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The limits of what [Parse], [Tree] and [Read] accept, checked before
// anything is decoded, so that a damaged or hostile file cannot take the
// machine's memory. Decoding allocates up to 6 times the input's size for
// its text and up to 1 KiB for each JSON value (an empty cell, {}, becomes
// a Cell; a value of the wrong type, an error that encoding/json builds
// and drops), so MaxSize bounds what long strings cost and MaxValues what
// many small values cost: 200 MiB in all at the very worst. The course's
// largest notebook, with its plots, is about 250 KB and 2,100 values.
//
// MaxDepth bounds how deep objects and arrays nest (a notebook nests about
// 6 deep, an application/json output a few more): besides the stack the
// decoders take, a notebook written back indented, as nbformat writes it,
// grows with the square of its depth.
const (
	MaxSize   = 16 << 20 // bytes: 16 MiB
	MaxValues = 100_000  // JSON values: objects, arrays, strings, numbers, literals, keys
	MaxDepth  = 64       // objects and arrays, one inside the other
)

// Notebook is the part of a notebook the course reads.
type Notebook struct {
	Cells    []Cell   `json:"cells"`
	Metadata Metadata `json:"metadata"`
}

// Metadata is the notebook-level metadata the course uses.
type Metadata struct {
	// Course is the course's own metadata, under the "concurrencylab" key.
	Course Course `json:"concurrencylab"`
}

// Course is a notebook's "concurrencylab" metadata. Every field may be
// missing (zero) in a notebook that does not set it.
type Course struct {
	Summary        string   `json:"summary"`         // one line for the course map
	Objectives     []string `json:"objectives"`      // what a learner can do after it
	Prerequisites  []string `json:"prerequisites"`   // notebook files to read first
	ReadingMinutes int      `json:"reading_minutes"` // the reading time the header states
	// RunSeconds is how long Run All took in the last full-mode run, and
	// RunMachine where it ran (written by tooling/jupyter after the run).
	RunSeconds float64 `json:"run_seconds"`
	RunMachine string  `json:"run_machine"`
	Plots      int     `json:"plots"` // how many plots a run must show
}

// Cell is one notebook cell.
type Cell struct {
	Type           string       `json:"cell_type"` // markdown, code or raw
	Source         Text         `json:"source"`
	ExecutionCount *int         `json:"execution_count"`
	Outputs        []Output     `json:"outputs"`
	Metadata       CellMetadata `json:"metadata"`
}

// CellMetadata is the cell-level metadata the course uses.
type CellMetadata struct {
	Course struct {
		Exercise Exercise `json:"exercise"`
	} `json:"concurrencylab"`
}

// Exercise says which exercise a cell belongs to: ID names the exercise
// (and its solution file, notebooks/solutions/<id>.go), Role is "stub" or
// "check", Title is the exercise's title ("" before a cell carries it).
type Exercise struct {
	ID    string `json:"id"`
	Role  string `json:"role"`
	Title string `json:"title"`
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

// UnmarshalJSON accepts a string or a list of strings; any other JSON value
// (an application/json output, say) is kept as its JSON text.
func (t *Text) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*t = Text(s)
		return nil
	}
	var lines []string
	if err := json.Unmarshal(b, &lines); err != nil {
		*t = Text(b)
		return nil
	}
	*t = Text(strings.Join(lines, ""))
	return nil
}

// Parse decodes a notebook from its JSON.
func Parse(b []byte) (*Notebook, error) {
	if err := check(b); err != nil {
		return nil, err
	}
	var nb Notebook
	if err := json.Unmarshal(b, &nb); err != nil {
		if te := (*json.UnmarshalTypeError)(nil); errors.As(err, &te) && te.Field != "" {
			return nil, fmt.Errorf("not a notebook: %s is malformed: %w", te.Field, err)
		}
		return nil, fmt.Errorf("not a notebook: %w", err)
	}
	if nb.Cells == nil || !hasKey(b, "cells") {
		return nil, errors.New("not a notebook: no cells")
	}
	return &nb, nil
}

// hasKey reports whether the JSON object b has the key spelled exactly
// so. encoding/json matches a field's name ignoring case ("Cells" fills
// Cells), which Jupyter does not: without this check Parse would read as a
// notebook what Jupyter and [Tree] refuse. Values are decoded into nothing,
// so this allocates little more than the top-level keys.
func hasKey(b []byte, key string) bool {
	var keys map[string]struct{}
	_ = json.Unmarshal(b, &keys) // type errors only: a value is not an object
	_, ok := keys[key]
	return ok
}

// Tree decodes a notebook as generic JSON (objects as map[string]any,
// numbers as json.Number, so 1.0 stays 1.0 when written back), for a tool
// that edits a notebook and keeps everything it does not know.
func Tree(b []byte) (map[string]any, error) {
	if err := check(b); err != nil {
		return nil, err
	}
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("not a notebook: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("not a notebook: more JSON after its end")
	}
	if cells, ok := doc["cells"].([]any); !ok || cells == nil {
		return nil, errors.New("not a notebook: no cells")
	}
	return doc, nil
}

// check refuses, before decoding anything, a file too large to decode.
func check(b []byte) error {
	if len(b) > MaxSize {
		return fmt.Errorf("not a notebook the course reads: %d bytes, more than the %d MiB limit (ipynb.MaxSize)", len(b), MaxSize>>20)
	}
	values, depth := scan(b)
	if values > MaxValues {
		return fmt.Errorf("not a notebook the course reads: more than %d JSON values (ipynb.MaxValues)", MaxValues)
	}
	if depth > MaxDepth {
		return fmt.Errorf("not a notebook the course reads: JSON nested more than %d deep (ipynb.MaxDepth)", MaxDepth)
	}
	return nil
}

// scan bounds from above the number of JSON values in b and finds how
// deep its objects and arrays nest, without allocating: every value but
// the first follows a '[', ',' or ':', and every object and array opens
// with '{' or '[', outside strings.
func scan(b []byte) (values, depth int) {
	values = 1
	level := 0
	inString, escaped := false, false
	for _, c := range b {
		switch {
		case inString && escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case inString:
			inString = c != '"'
		case c == '"':
			inString = true
		case c == ',' || c == ':':
			values++
		case c == '{' || c == '[':
			values++
			level++
			depth = max(depth, level)
		case c == '}' || c == ']':
			level--
		}
	}
	return values, depth
}

// Read reads and parses the notebook file at path. Its errors name the
// file by its base name, never by the folders of this machine.
func Read(path string) (*Notebook, error) {
	b, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	nb, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return nb, nil
}

// ReadFile reads the file at path, up to [MaxSize] bytes: a larger file is
// an error, found without reading it whole.
func ReadFile(path string) ([]byte, error) {
	name := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", name, unwrapPath(err))
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", name, unwrapPath(err))
	}
	if len(b) > MaxSize {
		return nil, fmt.Errorf("%s: more than %d MiB, the largest notebook the course reads (ipynb.MaxSize)", name, MaxSize>>20)
	}
	return b, nil
}

// unwrapPath drops the path from a file error: it would name this
// machine's folders.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Plots counts the plots a notebook shows: PNG or SVG images, SVG embedded
// in HTML (GoNB's own way), and HTML <img> elements holding a data: image
// (the course's way, package display, which survives an untrusted open).
func (nb *Notebook) Plots() int {
	if nb == nil {
		return 0
	}
	n := 0
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			if o.IsPlot() {
				n++
			}
		}
	}
	return n
}

// IsPlot reports whether the output shows a plot (see [Notebook.Plots]).
func (o Output) IsPlot() bool {
	if _, ok := o.Data["image/png"]; ok {
		return true
	}
	if _, ok := o.Data["image/svg+xml"]; ok {
		return true
	}
	h := string(o.Data["text/html"])
	return strings.Contains(h, "<svg") || strings.Contains(h, `<img src="data:image/`)
}
