package jupyter

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"concurrencylab/kernel-helpers/ipynb"
	"concurrencylab/kernel-helpers/quick"
)

// Metadata keys under the notebook's "concurrencylab" metadata that
// [SetRun] writes: how long Run All took, in whole seconds, and on what.
const (
	RunSecondsKey = "run_seconds"
	RunMachineKey = "run_machine"
)

// Run is one full-mode Run All of a notebook: how long it took and the
// machine it ran on, in a few words (see [ShortMachine]).
type Run struct {
	Duration time.Duration
	Machine  string
}

// ShortMachine describes this machine in a few words, as the time estimate
// of a notebook quotes it: "2 cores, Go 1.26.8". Cores are GOMAXPROCS, the
// cores the notebooks' Go code may use.
func ShortMachine() string {
	n := runtime.GOMAXPROCS(0)
	unit := "cores"
	if n == 1 {
		unit = "core"
	}
	return fmt.Sprintf("%d %s, Go %s", n, unit, strings.TrimPrefix(runtime.Version(), "go"))
}

// Quick reports whether the notebooks this Env runs are in quick mode:
// [quick.Env] set in Extra or in this process's environment. A quick run's
// duration says nothing about a real one, so it is never recorded.
func (e *Env) Quick() bool {
	if quick.On() {
		return true
	}
	for _, kv := range e.Extra {
		if k, v, ok := strings.Cut(kv, "="); ok && k == quick.Env {
			switch strings.ToLower(strings.TrimSpace(v)) {
			case "1", "true", "yes":
				return true
			}
		}
	}
	return false
}

// SetRun returns the notebook nb (its .ipynb JSON) with r written into its
// metadata, under "concurrencylab": run_seconds (whole seconds, at least 1)
// and run_machine. Everything else is kept as it was, and the JSON is
// written the way nbformat writes it (keys sorted, one-space indent, no
// HTML escaping, a final newline), so that the diff of a committed notebook
// shows only the two keys.
func SetRun(nb []byte, r Run) ([]byte, error) {
	if r.Duration <= 0 {
		return nil, fmt.Errorf("jupyter: a run of %v cannot be recorded", r.Duration)
	}
	if strings.TrimSpace(r.Machine) == "" {
		return nil, fmt.Errorf("jupyter: a run needs the machine it ran on")
	}
	return editCourse(nb, func(course map[string]any) {
		course[RunSecondsKey] = int(math.Max(1, math.Round(r.Duration.Seconds())))
		course[RunMachineKey] = r.Machine
	})
}

// ClearRun returns the notebook nb without a recorded run: the outputs of
// a quick run must not sit under the time of an earlier full one.
func ClearRun(nb []byte) ([]byte, error) {
	return editCourse(nb, func(course map[string]any) {
		delete(course, RunSecondsKey)
		delete(course, RunMachineKey)
	})
}

// editCourse applies edit to the notebook's "concurrencylab" metadata.
func editCourse(nb []byte, edit func(course map[string]any)) ([]byte, error) {
	doc, err := ipynb.Tree(nb) // numbers kept as written: 1.0 stays 1.0
	if err != nil {
		return nil, fmt.Errorf("jupyter: %w", err)
	}
	meta, _ := doc["metadata"].(map[string]any)
	if meta == nil {
		meta = map[string]any{}
		doc["metadata"] = meta
	}
	course, _ := meta["concurrencylab"].(map[string]any)
	if course == nil {
		course = map[string]any{}
		meta["concurrencylab"] = course
	}
	edit(course)
	out, err := marshalNotebook(doc)
	if err == nil && len(out) > ipynb.MaxSize {
		// Written indented, a notebook can outgrow what the course reads.
		return nil, fmt.Errorf("jupyter: the notebook would grow to %d bytes, past the %d MiB limit (ipynb.MaxSize)", len(out), ipynb.MaxSize>>20)
	}
	return out, err
}

// marshalNotebook writes JSON as nbformat does: json.dumps(nb,
// sort_keys=True, indent=1, ensure_ascii=False) and a newline.
func marshalNotebook(doc any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("jupyter: %w", err)
	}
	// encoding/json still escapes U+2028 and U+2029, which Python writes
	// as they are: a notebook holding them shows the escape in its diff.
	return b.Bytes(), nil
}

// RecordRun writes r into the metadata of the notebook file at path (see
// [SetRun]); a zero r removes the recorded run instead (see [ClearRun]).
func RecordRun(path string, r Run) error {
	b, err := ipynb.ReadFile(path)
	if err != nil {
		return fmt.Errorf("jupyter: %w", err)
	}
	var out []byte
	if r == (Run{}) {
		out, err = ClearRun(b)
	} else {
		out, err = SetRun(b, r)
	}
	if err != nil {
		return fmt.Errorf("jupyter: %s: %w", filepath.Base(path), err)
	}
	return os.WriteFile(path, out, 0o644)
}
