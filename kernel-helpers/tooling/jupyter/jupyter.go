package jupyter

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// ErrMissing reports that Jupyter or the GoNB kernel is not installed.
// Tests skip on it unless notebooks are required; `make setup` installs both.
var ErrMissing = errors.New("jupyter: Jupyter or the GoNB kernel is not installed (run `make setup`)")

// Env is a private Jupyter setup: the jupyter command, the gonb binary and a
// Jupyter data folder holding the GoNB kernel spec.
//
// The zero value is not usable; call [New].
type Env struct {
	Jupyter string // path of the jupyter command
	GoNB    string // path of the gonb binary
	DataDir string // JUPYTER_DATA_DIR holding kernels/gonb
	// Extra environment variables for the kernel and the cells it runs,
	// e.g. "CONCURRENCYLAB_QUICK=1".
	Extra []string
}

// New finds jupyter and gonb and installs the GoNB kernel into dataDir,
// which should be a fresh temporary folder. It returns an error wrapping
// [ErrMissing] when either program is absent.
func New(ctx context.Context, dataDir string) (*Env, error) {
	jup, err := exec.LookPath("jupyter")
	if err != nil {
		return nil, fmt.Errorf("%w: jupyter not on PATH", ErrMissing)
	}
	gonb, err := findGoNB(ctx)
	if err != nil {
		return nil, err
	}
	e := &Env{Jupyter: jup, GoNB: gonb, DataDir: dataDir}
	// --raw_error makes GoNB report compile errors as plain text, which
	// reads better in a test failure than GoNB's HTML error page.
	cmd := exec.CommandContext(ctx, gonb, "--install", "--force_deps", "--raw_error")
	cmd.Env = e.environ()
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("jupyter: installing the GoNB kernel: %v\n%s", err, out)
	}
	return e, nil
}

// findGoNB looks for gonb on PATH, then in `go env GOBIN` and `$(go env GOPATH)/bin`,
// where `go install` puts it.
func findGoNB(ctx context.Context) (string, error) {
	if p, err := exec.LookPath("gonb"); err == nil {
		return p, nil
	}
	for _, dir := range goBinDirs(ctx) {
		p := filepath.Join(dir, "gonb")
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w: gonb not found on PATH nor in the Go bin folder", ErrMissing)
}

// goBinDirs returns the folders `go install` writes to.
func goBinDirs(ctx context.Context) []string {
	out, err := exec.CommandContext(ctx, "go", "env", "GOBIN", "GOPATH").Output()
	if err != nil {
		return nil
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var dirs []string
	if len(lines) > 0 && strings.TrimSpace(lines[0]) != "" {
		dirs = append(dirs, strings.TrimSpace(lines[0]))
	}
	if len(lines) > 1 {
		for _, p := range filepath.SplitList(strings.TrimSpace(lines[1])) {
			dirs = append(dirs, filepath.Join(p, "bin"))
		}
	}
	return dirs
}

// LinkFlags are prepended to GOFLAGS for the kernel (see [Env]): GoNB
// builds every cell as a new program, and without the DWARF tables, which
// nothing reads there, a cell's link takes about a third less time. A
// GOFLAGS of one's own comes after them, so its -ldflags wins.
const LinkFlags = "-ldflags=-w"

// environ is the environment of jupyter and of the kernel it starts: ours,
// with the private data folder, the Go bin folders on PATH (the kernel runs
// go, goimports and gopls), [LinkFlags] in GOFLAGS and the extra variables.
func (e *Env) environ() []string {
	env := os.Environ()
	path := os.Getenv("PATH")
	for _, dir := range goBinDirs(context.Background()) {
		if !strings.Contains(string(filepath.ListSeparator)+path+string(filepath.ListSeparator),
			string(filepath.ListSeparator)+dir+string(filepath.ListSeparator)) {
			path = dir + string(filepath.ListSeparator) + path
		}
	}
	goflags := strings.TrimSpace(LinkFlags + " " + os.Getenv("GOFLAGS"))
	env = append(env, "PATH="+path, "JUPYTER_DATA_DIR="+e.DataDir, "GOFLAGS="+goflags)
	return append(env, e.Extra...)
}

// ExecOptions tune [Env.Execute].
type ExecOptions struct {
	// CellTimeout bounds each cell; 0 means 5 minutes, enough for the first
	// cell on a cold Go build cache (gonum alone takes ~20 s to build).
	CellTimeout time.Duration
}

// TimeoutError reports a cell that ran past [ExecOptions.CellTimeout].
type TimeoutError struct {
	Notebook string
	Timeout  time.Duration
	Cell     string // the start of the cell's source, as Jupyter previewed it
}

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("%s: a cell ran past the %v cell timeout:\n%s", e.Notebook, e.Timeout, e.Cell)
}

// Execute runs every cell of the notebook at path with the GoNB kernel and
// writes the executed copy to outPath; the notebook at path is not changed.
// The kernel runs in the notebook's own folder, as in JupyterLab.
//
// Execution goes on past failing cells (Jupyter's allow_errors), so that
// all failures are found at once: read outPath to see them. A cell past the
// timeout stops execution and returns a [*TimeoutError].
func (e *Env) Execute(ctx context.Context, path, outPath string, opts ExecOptions) error {
	timeout := opts.CellTimeout
	if timeout <= 0 {
		timeout = 5 * time.Minute
	}
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("jupyter: %w", err)
	}
	outDir, outName := filepath.Split(outPath)
	if outDir == "" {
		outDir = "."
	}
	cmd := exec.CommandContext(ctx, e.Jupyter, "nbconvert",
		"--to", "notebook", "--execute", "--allow-errors",
		"--ExecutePreprocessor.kernel_name=gonb",
		"--ExecutePreprocessor.timeout="+strconv.Itoa(int(timeout.Seconds())),
		// No per-cell timing metadata: a committed notebook's diff shows
		// outputs, and its one run time is recorded by [RecordRun].
		"--ExecutePreprocessor.record_timing=False",
		"--output-dir", outDir, "--output", strings.TrimSuffix(outName, ".ipynb"),
		path)
	cmd.Env = e.environ()
	// Run jupyter in a process group of its own so a cancelled run takes
	// its children with it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	// WaitDelay keeps a cancelled run from hanging on pipes a grandchild
	// (the kernel, in a session of its own) still holds.
	cmd.WaitDelay = 10 * time.Second
	if err := cmd.Run(); err != nil {
		log := stderr.String()
		if i := strings.Index(log, "A cell timed out"); i >= 0 {
			return &TimeoutError{Notebook: filepath.Base(path), Timeout: timeout, Cell: cellPreview(log[i:])}
		}
		return fmt.Errorf("jupyter: executing %s: %v\n%s", filepath.Base(path), err, tail(log, 40))
	}
	return nil
}

// cellPreview extracts the cell source nbclient prints between dashed lines
// in its timeout message.
func cellPreview(msg string) string {
	const rule = "-------------------"
	i := strings.Index(msg, rule)
	if i < 0 {
		return tail(msg, 10)
	}
	rest := msg[i+len(rule):]
	if j := strings.Index(rest, rule); j >= 0 {
		rest = rest[:j]
	}
	return strings.TrimSpace(rest)
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// HTML exports the notebook at path, as it is (without running it), to a
// standalone HTML page at outPath.
func (e *Env) HTML(ctx context.Context, path, outPath string) error {
	outDir, outName := filepath.Split(outPath)
	if outDir == "" {
		outDir = "."
	}
	cmd := exec.CommandContext(ctx, e.Jupyter, "nbconvert", "--to", "html",
		"--output-dir", outDir, "--output", strings.TrimSuffix(outName, ".html"), path)
	cmd.Env = e.environ()
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("jupyter: exporting %s to HTML: %v\n%s", filepath.Base(path), err, tail(string(out), 20))
	}
	return nil
}
