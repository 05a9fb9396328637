package claims

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"concurrencylab/kernel-helpers/history"
)

// maxLine bounds one line of the figures file: a line longer than this
// (a corrupt file) is skipped, never loaded whole.
const maxLine = 64 << 10

// line is one recorded set of figures.
type line struct {
	ID      string    `json:"id"`
	Time    time.Time `json:"time"`
	Figures Figures   `json:"figures"`
}

// Path is the figures file: claims.jsonl beside the results history
// ([history.DefaultPath]).
func Path() (string, error) {
	h, err := history.DefaultPath()
	if err != nil {
		return "", err
	}
	return PathBeside(h), nil
}

// PathBeside is the figures file kept beside the results history file at
// historyPath.
func PathBeside(historyPath string) string {
	return filepath.Join(filepath.Dir(historyPath), "claims.jsonl")
}

// Record appends the figures measured for the claim to the figures file
// (without those that are not finite numbers), in one write (O_APPEND), so that two kernels writing at once never
// interleave their lines.
func Record(id string, f Figures) error {
	if _, err := Get(id); err != nil {
		return err
	}
	path, err := Path()
	if err != nil {
		return err
	}
	return appendLine(path, line{ID: id, Time: time.Now().UTC(), Figures: f.finite()})
}

func appendLine(path string, l line) error {
	data, err := json.Marshal(l)
	if err != nil {
		return fmt.Errorf("claims: figures of %s: %w", l.ID, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("claims: cannot create the history folder: %w", errors.Unwrap(err))
	}
	fh, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("claims: cannot open the figures file: %w", errors.Unwrap(err))
	}
	_, werr := fh.Write(append(data, '\n'))
	if cerr := fh.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return fmt.Errorf("claims: cannot write the figures of %s: %w", l.ID, errors.Unwrap(werr))
	}
	return nil
}

// Recorded returns the latest figures recorded for each claim. A missing
// file gives an empty map; lines that cannot be read are skipped.
func Recorded() (map[string]Figures, error) {
	path, err := Path()
	if err != nil {
		return nil, err
	}
	return ReadFile(path)
}

// ReadFile returns the latest figures recorded for each claim in the
// figures file at path, as [Recorded] does for the default one.
func ReadFile(path string) (map[string]Figures, error) {
	return readLines(path)
}

func readLines(path string) (map[string]Figures, error) {
	out := map[string]Figures{}
	fh, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return nil, fmt.Errorf("claims: cannot read the figures file: %w", errors.Unwrap(err))
	}
	defer fh.Close()
	r := bufio.NewReaderSize(fh, 4096)
	for {
		data, err := readBounded(r)
		if len(data) > 0 {
			var l line
			if json.Unmarshal(data, &l) == nil && l.ID != "" {
				out[l.ID] = l.Figures
			}
		}
		if err != nil {
			break
		}
	}
	return out, nil
}

// readBounded reads one line; a line over maxLine is consumed and dropped.
func readBounded(r *bufio.Reader) ([]byte, error) {
	var buf []byte
	over := false
	for {
		chunk, err := r.ReadSlice('\n')
		if !over {
			buf = append(buf, chunk...)
			if len(buf) > maxLine {
				over, buf = true, nil
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if over {
			return nil, err
		}
		return buf, err
	}
}
