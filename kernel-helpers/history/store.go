package history

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"concurrencylab/kernel-helpers/bench"
)

// EnvPath is the environment variable that, when set, names the history file
// used by [Default] instead of [DefaultPath]'s usual choice.
const EnvPath = "CONCURRENCYLAB_HISTORY"

// gonbDirEnv is the variable in which GoNB passes each cell the notebook's
// folder (protocol.GONB_DIR_ENV in github.com/janpfeifer/gonb/gonbui/protocol);
// the cell itself runs in a temporary folder.
const gonbDirEnv = "GONB_DIR"

// File and folder permissions: the history is nobody's secret, but only its
// owner writes it. The process umask may remove more.
const (
	filePerm os.FileMode = 0o644
	dirPerm  os.FileMode = 0o755
)

// DefaultPath returns where [Default] keeps the history: the file named by
// the environment variable CONCURRENCYLAB_HISTORY if it is set, otherwise
// .history/results.jsonl in the notebook's folder (GoNB's GONB_DIR) or,
// outside a notebook, in the current folder.
func DefaultPath() (string, error) {
	if p := os.Getenv(EnvPath); p != "" {
		return p, nil
	}
	dir := os.Getenv(gonbDirEnv)
	if dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			return "", fmt.Errorf("history: no notebook folder and no current folder: %w", err)
		}
		dir = wd
	}
	return filepath.Join(dir, ".history", "results.jsonl"), nil
}

// Store is a history file. Its methods may be called from many goroutines
// and many processes at once.
//
// A Store holds no open file: each call opens, locks and closes the file, so
// a cell that ends without cleaning up leaves nothing behind. The zero value
// is not usable; use [Open] or [Default].
type Store struct {
	path string
	// Warnings receives one line for each line of the file that had to be
	// skipped while reading. Nil means standard error, which a notebook
	// shows under the cell; set it to [io.Discard] to hide them.
	Warnings io.Writer
}

// Open returns the store kept in the file at path. The file and its folder
// need not exist yet: the first [Store.Record] or [Store.Append] creates them.
func Open(path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("history: Open needs a file path, got an empty one")
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("history: %s is a folder, want a file path such as %s",
			filepath.Base(path), filepath.Join(filepath.Base(path), "results.jsonl"))
	}
	return &Store{path: path}, nil
}

// Default opens the store at [DefaultPath].
func Default() (*Store, error) {
	p, err := DefaultPath()
	if err != nil {
		return nil, err
	}
	return Open(p)
}

// Path returns the file the store is kept in.
func (s *Store) Path() string {
	if s == nil {
		return ""
	}
	return s.path
}

// errNoStore is what every method of a nil or zero-value Store returns.
var errNoStore = errors.New("history: no store (nil or zero value); get one from Open or Default")

// usable reports whether s came from Open or Default.
func (s *Store) usable() bool { return s != nil && s.path != "" }

// Record appends results to the history, stamped with the time, [ThisRun],
// the machine header ([bench.Machine], read now, so GOMAXPROCS is the
// current one) and label, which names the settings of this run ("" for the
// defaults, or e.g. "GOMAXPROCS=1").
func (s *Store) Record(label string, results ...bench.Result) error {
	if !s.usable() {
		return errNoStore
	}
	now := time.Now().UTC()
	m := bench.Machine()
	entries := make([]Entry, len(results))
	for i, r := range results {
		entries[i] = Entry{Time: now, Run: thisRun, Label: label, Machine: m, Result: r}
	}
	return s.Append(entries...)
}

// Append adds entries to the end of the history as they are. All of them
// go in with one write under an exclusive lock, so another process appending
// at the same moment never splits them, and a reader never sees half of
// one. An entry without a Result.Name, Time or Run, or with a negative
// sample, is an error and nothing is written.
func (s *Store) Append(entries ...Entry) error {
	if !s.usable() {
		return errNoStore
	}
	var buf bytes.Buffer
	for i, e := range entries {
		if err := e.check(); err != nil {
			return fmt.Errorf("history: entry %d (%q): %w", i, e.Result.Name, err)
		}
		b, err := encode(e)
		if err != nil {
			return fmt.Errorf("history: entry %d (%q): %w", i, e.Result.Name, err)
		}
		buf.Write(b)
	}
	if buf.Len() == 0 {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(s.path), dirPerm); err != nil {
		return fmt.Errorf("history: %w", clean(err))
	}
	f, err := openLocked(s.path, os.O_RDWR|os.O_APPEND|os.O_CREATE, true)
	if err != nil {
		return fmt.Errorf("history: %w", clean(err))
	}
	defer f.Close()
	// A crash in the middle of a write can leave a last line without its
	// newline; starting on a fresh line keeps that damage to the one line.
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("history: %w", clean(err))
	}
	data := buf.Bytes()
	if size := fi.Size(); size > 0 {
		last := make([]byte, 1)
		if _, err := f.ReadAt(last, size-1); err != nil {
			return fmt.Errorf("history: %w", clean(err))
		}
		if last[0] != '\n' {
			data = append([]byte{'\n'}, data...)
		}
	}
	if _, err := f.Write(data); err != nil {
		// All or nothing: a short write (a full disk) would leave part of
		// the entries, and a retry would duplicate them. Cut the file back
		// to what it was.
		if terr := f.Truncate(fi.Size()); terr != nil {
			return fmt.Errorf("history: %w; and the partial write could not be undone: %w", clean(err), clean(terr))
		}
		return fmt.Errorf("history: nothing recorded: %w", clean(err))
	}
	return f.Close()
}

// Load returns every readable entry, oldest first as they were appended.
// Unreadable lines are skipped and reported to [Store.Warnings]. A history
// that does not exist yet is empty, not an error.
func (s *Store) Load() ([]Entry, error) {
	if !s.usable() {
		return nil, errNoStore
	}
	f, err := openLocked(s.path, os.O_RDONLY, false)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("history: %w", clean(err))
	}
	defer f.Close()
	entries, warnings, err := Decode(f)
	s.warn(warnings)
	return entries, err
}

// warn writes warnings with the file's base name only: notebook outputs are
// published, and must not show the folders of the machine they ran on.
func (s *Store) warn(warnings []Warning) {
	w := s.Warnings
	if w == nil {
		w = os.Stderr
	}
	for _, x := range warnings {
		fmt.Fprintf(w, "history: %s %v\n", filepath.Base(s.path), x)
	}
}

// Query returns the entries of the measurement called name that every
// filter keeps, oldest first.
func (s *Store) Query(name string, filters ...Filter) ([]Entry, error) {
	if !s.usable() {
		return nil, errNoStore
	}
	if name == "" {
		return nil, errors.New("history: Query needs a measurement name")
	}
	all, err := s.Load()
	if err != nil {
		return nil, err
	}
	return Select(all, append([]Filter{Name(name)}, filters...)...), nil
}

// Names returns the names of the measurements in the history, sorted.
func (s *Store) Names() ([]string, error) {
	if !s.usable() {
		return nil, errNoStore
	}
	all, err := s.Load()
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range all {
		names = append(names, e.Result.Name)
	}
	slices.Sort(names)
	return slices.Compact(names), nil
}

// Forget removes every entry of the measurement called name (even one that
// is otherwise unreadable, such as one with a negative sample) and returns
// how many it removed. Other lines, unreadable ones included, are kept as
// they are: they may belong to a measurement someone still wants.
func (s *Store) Forget(name string) (int, error) {
	if !s.usable() {
		return 0, errNoStore
	}
	if name == "" {
		return 0, errors.New("history: Forget needs a measurement name; use ForgetAll to clear everything")
	}
	// Lines are written by encoding/json, so an entry of this measurement
	// holds its name exactly as json.Marshal spells it: lines without that
	// text are kept without parsing them, which keeps Forget quick on a long
	// history.
	quoted, err := json.Marshal(name)
	if err != nil {
		return 0, fmt.Errorf("history: %w", clean(err))
	}
	removed := 0
	err = s.rewrite(func(line []byte) bool {
		if !bytes.Contains(line, quoted) {
			return true
		}
		var probe struct {
			Result struct {
				Name string `json:"name"`
			} `json:"result"`
		}
		if json.Unmarshal(line, &probe) == nil && probe.Result.Name == name {
			removed++
			return false
		}
		return true
	})
	if err != nil {
		return 0, err // the file is as it was: nothing was removed
	}
	return removed, nil
}

// ForgetAll empties the history.
func (s *Store) ForgetAll() error {
	if !s.usable() {
		return errNoStore
	}
	return s.rewrite(func([]byte) bool { return false })
}

// rename is os.Rename, replaced in a test to fail on purpose.
var rename = os.Rename

// rewrite replaces the file with the lines keep accepts. It holds the
// exclusive lock throughout, writes a temporary file in the same folder (a
// rename is atomic only within one file system) and renames it over the
// history, so a crash leaves the old file or the new one, never a mix.
func (s *Store) rewrite(keep func(line []byte) bool) (err error) {
	f, err := openLocked(s.path, os.O_RDWR, true)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // nothing to forget
	}
	if err != nil {
		return fmt.Errorf("history: %w", clean(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("history: %w", clean(err))
	}

	tmp, err := os.CreateTemp(filepath.Dir(s.path), "."+filepath.Base(s.path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("history: %w", clean(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	w := bufio.NewWriter(tmp)
	r := bufio.NewReader(f)
	for {
		line, rerr := r.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 && keep(line) {
			if line[len(line)-1] != '\n' {
				line = append(line, '\n')
			}
			if _, err := w.Write(line); err != nil {
				return fmt.Errorf("history: %w", clean(err))
			}
		}
		if errors.Is(rerr, io.EOF) {
			break
		}
		if rerr != nil {
			return fmt.Errorf("history: %w", clean(rerr))
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("history: %w", clean(err))
	}
	// CreateTemp makes the file private (0600); keep the history's own mode.
	if err := tmp.Chmod(fi.Mode().Perm()); err != nil {
		return fmt.Errorf("history: %w", clean(err))
	}
	// On disk before the rename, or a crash could leave an empty history.
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("history: %w", clean(err))
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("history: %w", clean(err))
	}
	if err := rename(tmp.Name(), s.path); err != nil {
		return fmt.Errorf("history: %w", clean(err))
	}
	return nil
}

// maxReopen bounds how often openLocked starts over because the file was
// replaced under it; each replacement is a whole Forget, so reaching it
// means something keeps rewriting the file without pause.
const maxReopen = 1000

// openLocked opens path and locks it. A lock belongs to one file, not to a
// name: if Forget renamed a new file over path between our open and our
// lock, we would hold the lock of a file no one reads any more, and an
// append to it would be lost. So once locked, it checks that path still
// names the file it holds, and starts over when it does not.
func openLocked(path string, flag int, exclusive bool) (*os.File, error) {
	for range maxReopen {
		f, err := os.OpenFile(path, flag, filePerm)
		if err != nil {
			return nil, err
		}
		if err := lock(f, exclusive); err != nil {
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", path, err)
		}
		held, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, err
		}
		named, err := os.Stat(path)
		if err == nil && os.SameFile(held, named) {
			return f, nil
		}
		f.Close()
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return nil, fmt.Errorf("%s kept being replaced while opening it", path)
}

// clean drops the folders from a file error's path, keeping the file's
// name: error messages end up in notebook outputs, where a path of the
// reader's machine has no place. errors.Is still sees the cause.
func clean(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s %s: %w", pe.Op, filepath.Base(pe.Path), pe.Err)
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return fmt.Errorf("%s %s to %s: %w", le.Op, filepath.Base(le.Old), filepath.Base(le.New), le.Err)
	}
	return err
}
