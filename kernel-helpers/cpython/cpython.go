package cpython

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/contention"
)

// ErrNoPython is returned by [Find] and [Lookup] when there is no usable
// Python 3 to run. Test for it with [errors.Is]: a notebook prints it and
// skips the CPython cells.
var ErrNoPython = errors.New("cpython: no usable Python 3 on the PATH; skipping the CPython measurements")

// DefaultTimeout is how long one Python program may run when
// [Interpreter].Timeout is 0. The course's programs take seconds; ten
// minutes means something is stuck.
const DefaultTimeout = 10 * time.Minute

// probeTimeout bounds the quick version check [Lookup] runs.
const probeTimeout = 20 * time.Second

// Limits on what is read back from a program: far above what the course's
// programs print, low enough that a runaway program cannot fill memory.
const (
	maxStdout = 16 << 20
	maxStderr = 8 << 10
)

// minMinor is the oldest Python 3 minor version the programs are written
// for: 3.8, the oldest still common on Linux distributions in use.
const minMinor = 8

// Candidates are the command names [Find] looks for: python3, then
// free-threaded builds (Python without a GIL, PEP 703, from 3.13 on).
var Candidates = []string{"python3", "python3.13t", "python3.14t", "python3.15t"}

//go:embed py/*.py
var programs embed.FS

// Interpreter is one Python found on this machine by [Lookup] or [Find].
type Interpreter struct {
	// Name is the command it was found as, e.g. "python3" or "python3.13t".
	Name string
	// Path is where the command is. It is a path of this machine: keep it
	// out of notebook output.
	Path string
	// Implementation and Version are what Python says it is, e.g.
	// "CPython" and "3.12.3".
	Implementation, Version string
	// FreeThreaded is true for a build without the GIL that runs without it.
	FreeThreaded bool
	// Timeout bounds each program run; 0 means [DefaultTimeout].
	Timeout time.Duration

	// preArgs go before Python's own arguments; tests use them to run the
	// test binary in Python's place.
	preArgs []string
	// realPath is the interpreter's own idea of where it lives, so that two
	// commands for the same Python are counted once.
	realPath string
}

// String describes the interpreter without its path, e.g.
// "python3 (CPython 3.12.3)" or "python3.13t (CPython 3.13.1, free-threaded)".
func (in Interpreter) String() string {
	s := fmt.Sprintf("%s (%s %s", in.Name, in.Implementation, in.Version)
	if in.FreeThreaded {
		s += ", free-threaded"
	}
	return s + ")"
}

// Prefix is what the strategies measured with this interpreter start with:
// "cpython" for a usual CPython, "cpython3.13t" for a free-threaded 3.13, so
// that results from the two never mix.
func (in Interpreter) Prefix() string {
	impl := strings.ToLower(in.Implementation)
	if impl == "" {
		impl = "cpython"
	}
	if in.FreeThreaded {
		major, minor, _ := parseVersion(in.Version)
		return fmt.Sprintf("%s%d.%dt", impl, major, minor)
	}
	return impl
}

// Find returns every usable Python among [Candidates]: python3 first, then
// each free-threaded build, each interpreter once. Candidates that are
// missing or do not run are left out. It returns an error wrapping
// [ErrNoPython], saying why, only when none is usable.
func Find(ctx context.Context) ([]Interpreter, error) {
	return find(ctx, Candidates)
}

func find(ctx context.Context, names []string) ([]Interpreter, error) {
	if ctx == nil {
		return nil, errors.New("cpython: Find needs a context, got nil")
	}
	var found []Interpreter
	var reasons []string
	seen := map[string]bool{}
	for i, name := range names {
		in, err := lookup(ctx, name)
		switch {
		case errors.Is(err, errNotOnPath) && i > 0:
			continue // not installed: the usual case, not worth a word
		case err != nil:
			reasons = append(reasons, err.Error())
			continue
		case i > 0 && !in.FreeThreaded:
			// A python3.13t that runs with its GIL would only repeat python3.
			reasons = append(reasons, name+" runs with a GIL")
			continue
		case seen[in.realPath]:
			continue
		}
		seen[in.realPath] = true
		found = append(found, in)
	}
	if len(found) == 0 {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("cpython: looking for Python stopped: %w", ctx.Err())
		}
		return nil, fmt.Errorf("%w (%s)", ErrNoPython, strings.Join(reasons, "; "))
	}
	return found, nil
}

// probeScript asks an interpreter what it is. It must run on any Python, so
// that an old one is reported as too old rather than as broken.
const probeScript = `import json, os, platform, sys, sysconfig
gil = getattr(sys, "_is_gil_enabled", None)
print(json.dumps({"implementation": platform.python_implementation(),
  "version": platform.python_version(),
  "free_threaded_build": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
  "gil_enabled": True if gil is None else bool(gil()),
  "executable": os.path.realpath(sys.executable)}))`

// errNotOnPath is lookup's error for a command that is not installed.
var errNotOnPath = errors.New("not on the PATH")

// Lookup finds the command name on the PATH and checks that it is a Python
// 3.8 or later that runs. Its errors wrap [ErrNoPython] and say why, without
// naming paths.
func Lookup(ctx context.Context, name string) (Interpreter, error) {
	if ctx == nil {
		return Interpreter{}, errors.New("cpython: Lookup needs a context, got nil")
	}
	in, err := lookup(ctx, name)
	if err != nil {
		return in, fmt.Errorf("%w (%v)", ErrNoPython, err)
	}
	return in, nil
}

// lookup is Lookup with errors that only say why, for [Find] to list.
func lookup(ctx context.Context, name string) (Interpreter, error) {
	path, err := exec.LookPath(name)
	if err != nil {
		return Interpreter{}, fmt.Errorf("%s is %w", name, errNotOnPath)
	}
	in := Interpreter{Name: name, Path: path}
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, "-E", "-s", "-c", probeScript)
	var stderr tailBuffer
	stderr.limit = maxStderr
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return in, fmt.Errorf("%s does not run: %v%s", name, err, stderrNote(stderr.String()))
	}
	var info struct {
		Implementation    string `json:"implementation"`
		Version           string `json:"version"`
		FreeThreadedBuild bool   `json:"free_threaded_build"`
		GILEnabled        bool   `json:"gil_enabled"`
		Executable        string `json:"executable"`
	}
	if err := json.Unmarshal(out, &info); err != nil {
		return in, fmt.Errorf("%s answered the version check with %q", name, firstLine(out))
	}
	major, minor, ok := parseVersion(info.Version)
	if !ok || major != 3 || minor < minMinor {
		return in, fmt.Errorf("%s is Python %s; the programs need 3.%d or later", name, info.Version, minMinor)
	}
	in.Implementation = info.Implementation
	in.Version = info.Version
	in.FreeThreaded = info.FreeThreadedBuild && !info.GILEnabled
	in.realPath = info.Executable
	return in, nil
}

// parseVersion reads "3.12.3" (or "3.13.0rc1") as major 3, minor 12.
func parseVersion(v string) (major, minor int, ok bool) {
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 2 {
		return 0, 0, false
	}
	major, err1 := strconv.Atoi(parts[0])
	minor, err2 := strconv.Atoi(parts[1])
	return major, minor, err1 == nil && err2 == nil
}

// run runs one of the embedded programs with its settings as JSON and parses
// what it prints.
//
// The programs are written to a temporary folder, removed afterwards, rather
// than passed with -c: multiprocessing's spawn and forkserver start methods
// re-import the main module from its file in every child process.
func (in Interpreter) run(ctx context.Context, program string, settings any) ([]bench.Result, error) {
	out, label, err := in.runRaw(ctx, program, settings)
	if err != nil {
		return nil, err
	}
	results, err := Parse(out, in.Prefix())
	if err != nil {
		return nil, fmt.Errorf("%w (from %s)", err, label)
	}
	return results, nil
}

// RunJSON runs the course's Python program py/<program>.py with its
// settings as one JSON argument and decodes the one JSON object it prints
// into out. It is how a lesson runs a Python program of its own: add the
// file to the py folder (reading settings with labcommon's settings and
// printing with its emit_json), then call RunJSON from the lesson's Go.
func (in Interpreter) RunJSON(ctx context.Context, program string, settings, out any) error {
	if _, err := programs.ReadFile("py/" + program + ".py"); err != nil {
		return fmt.Errorf("cpython: no program %q", program)
	}
	data, label, err := in.runRaw(ctx, program, settings)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("cpython: %s printed what is not its JSON: %w", label, err)
	}
	return nil
}

// Source returns the text of the course's Python program py/<program>.py,
// for a notebook to show beside the Go (package source shows one function
// of it).
func Source(program string) (string, error) {
	data, err := programs.ReadFile("py/" + program + ".py")
	if err != nil {
		return "", fmt.Errorf("cpython: no program %q", program)
	}
	return string(data), nil
}

// runRaw runs one program and returns what it printed on stdout, and the
// label its errors name it by.
func (in Interpreter) runRaw(ctx context.Context, program string, settings any) ([]byte, string, error) {
	if ctx == nil {
		return nil, "", fmt.Errorf("cpython: %s needs a context, got nil", program)
	}
	if in.Path == "" {
		return nil, "", fmt.Errorf("cpython: %s: the interpreter has no path; get one from Find or Lookup", program)
	}
	arg, err := json.Marshal(settings)
	if err != nil {
		return nil, "", fmt.Errorf("cpython: %s: settings: %w", program, err)
	}
	dir, err := os.MkdirTemp("", "concurrencylab-cpython-*")
	if err != nil {
		return nil, "", fmt.Errorf("cpython: %s: %w", program, err)
	}
	defer os.RemoveAll(dir)
	if err := writePrograms(dir); err != nil {
		return nil, "", fmt.Errorf("cpython: %s: %w", program, err)
	}

	timeout := in.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	runCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	args := append([]string{}, in.preArgs...)
	// -B: no __pycache__ beside the scripts; -E and -s: ignore PYTHON*
	// variables and the user's site-packages, so that nothing of the
	// reader's setup changes what is measured.
	args = append(args, "-B", "-E", "-s", filepath.Join(dir, program+".py"), string(arg))
	cmd := exec.CommandContext(runCtx, in.Path, args...)
	cmd.Dir = dir
	stdout := &cappedBuffer{limit: maxStdout}
	stderr := &tailBuffer{limit: maxStderr}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	killProcessGroup(cmd)
	// If a grandchild keeps the pipes open after the kill, stop waiting.
	cmd.WaitDelay = time.Second

	start := time.Now()
	// What else ran while Python measured (its own processes are this
	// program's children, not "else"): kept for the claims' verdicts.
	watch := contention.Start()
	err = cmd.Start()
	if err == nil {
		stop := onInterrupt(func() { _ = cmd.Cancel() })
		err = cmd.Wait()
		stop()
	}
	watch.Stop()
	label := in.Name + " " + program + ".py"
	switch {
	case ctx.Err() != nil:
		return nil, "", fmt.Errorf("cpython: %s stopped: %w%s", label, ctx.Err(), stderrNote(stderr.String()))
	case runCtx.Err() != nil:
		return nil, "", fmt.Errorf("cpython: %s timed out after %v%s", label, time.Since(start).Round(time.Millisecond), stderrNote(stderr.String()))
	case err != nil:
		return nil, "", fmt.Errorf("cpython: %s failed: %v%s", label, err, stderrNote(stderr.String()))
	case stdout.overflow:
		return nil, "", fmt.Errorf("cpython: %s printed more than %d bytes", label, maxStdout)
	}
	return stdout.Bytes(), label, nil
}

// writePrograms copies the embedded Python programs into dir.
func writePrograms(dir string) error {
	entries, err := programs.ReadDir("py")
	if err != nil {
		return err
	}
	for _, e := range entries {
		data, err := programs.ReadFile("py/" + e.Name())
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o600); err != nil {
			return err
		}
	}
	return nil
}

// stderrNote formats what a program wrote to stderr for an error message.
func stderrNote(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	return "\nPython's stderr:\n" + s
}

func firstLine(b []byte) string {
	line, _, _ := bytes.Cut(bytes.TrimSpace(b), []byte("\n"))
	if len(line) > 200 {
		line = line[:200]
	}
	return string(line)
}

// cappedBuffer keeps up to limit bytes and notes whether more came.
//
// The buffer is a field, not embedded: an embedded [bytes.Buffer] would lend
// its ReadFrom method, which io.Copy in os/exec prefers, bypassing the cap.
type cappedBuffer struct {
	buf      bytes.Buffer
	limit    int
	overflow bool
}

func (b *cappedBuffer) Bytes() []byte  { return b.buf.Bytes() }
func (b *cappedBuffer) String() string { return b.buf.String() }

func (b *cappedBuffer) Write(p []byte) (int, error) {
	n := len(p)
	if room := b.limit - b.buf.Len(); len(p) > room {
		b.overflow = true
		p = p[:max(room, 0)]
	}
	b.buf.Write(p)
	// Claim everything was written: a short write would make os/exec stop
	// copying and leave the program blocked on a full pipe.
	return n, nil
}

// tailBuffer keeps the last limit bytes written: the end of a Python
// traceback is the part that says what went wrong.
type tailBuffer struct {
	buf   []byte
	limit int
	cut   bool
}

func (b *tailBuffer) Write(p []byte) (int, error) {
	b.buf = append(b.buf, p...)
	if over := len(b.buf) - b.limit; over > 0 {
		b.buf = append(b.buf[:0], b.buf[over:]...)
		b.cut = true
	}
	return len(p), nil
}

func (b *tailBuffer) String() string {
	if b.cut {
		return "..." + string(b.buf)
	}
	return string(b.buf)
}
