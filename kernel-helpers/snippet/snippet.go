package snippet

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"time"
)

// FileName is the name the source gets in the module, and so the file name
// every message about it uses.
const FileName = "main.go"

// binaryName is what Build writes; Run executes it.
const binaryName = "prog"

// Program is one throwaway module holding one main.go. Its zero value is not
// usable: get one from [New], and call [Program.Remove] when done.
type Program struct {
	dir   string
	built bool
}

// New writes src as the main.go of a new module in a temporary folder. The
// module's go line is the language version of the toolchain this program was
// built with, so the snippet has the same semantics (loop variables, range
// over integers) as the notebook around it.
//
// It returns an error for source that is empty or has no package clause.
func New(src string) (*Program, error) {
	if strings.TrimSpace(src) == "" {
		return nil, errors.New("snippet: empty source")
	}
	if !packageClause.MatchString(src) {
		return nil, errors.New("snippet: source has no package clause (it should start with \"package main\")")
	}
	dir, err := os.MkdirTemp("", "snippet-")
	if err != nil {
		return nil, fmt.Errorf("snippet: %w", err)
	}
	p := &Program{dir: dir}
	gomod := fmt.Sprintf("module snippet\n\ngo %s\n", languageVersion(runtime.Version()))
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		p.Remove()
		return nil, fmt.Errorf("snippet: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte(src), 0o644); err != nil {
		p.Remove()
		return nil, fmt.Errorf("snippet: %w", err)
	}
	return p, nil
}

var packageClause = regexp.MustCompile(`(?m)^package\s+\w+`)

// languageVersion turns a toolchain version such as "go1.26.8" into the
// language version of a go.mod go line, "1.26". A development toolchain
// ("devel ...") gives "", and New then writes no version at all.
func languageVersion(v string) string {
	v, ok := strings.CutPrefix(v, "go")
	if !ok {
		return ""
	}
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 2 {
		return ""
	}
	// The minor version is the digits up to a suffix such as "rc1" or "-X:...".
	minor := parts[1]
	if i := strings.IndexFunc(minor, func(r rune) bool { return r < '0' || r > '9' }); i >= 0 {
		minor = minor[:i]
	}
	if parts[0] == "" || minor == "" {
		return ""
	}
	return parts[0] + "." + minor
}

// Remove deletes the module's folder and everything built in it. It is safe
// to call more than once.
func (p *Program) Remove() error {
	if p == nil || p.dir == "" {
		return nil
	}
	err := os.RemoveAll(p.dir)
	p.dir = ""
	return err
}

// Build runs go build with flags (for example "-gcflags=-m" or "-race") on
// the module and returns what the go command printed, paths stripped. The
// go command replays the compiler's messages from its cache when nothing
// changed, so a second Build prints the same as the first.
//
// A program that does not compile gives an error holding the compiler's
// messages. The go command writes to its build cache as usual; a first
// build with -race also compiles the standard library for the race detector,
// which can take a minute on a cold cache.
func (p *Program) Build(ctx context.Context, flags ...string) (string, error) {
	if p == nil || p.dir == "" {
		return "", errors.New("snippet: Build on a removed or zero Program")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("snippet: the go command is not on PATH: %w", err)
	}
	for _, f := range flags {
		if f == "-o" || strings.HasPrefix(f, "-o=") {
			return "", errors.New("snippet: Build chooses the output file itself; leave out -o")
		}
	}
	args := append([]string{"build", "-o", binaryName}, flags...)
	args = append(args, ".")
	cmd := exec.CommandContext(ctx, gobin, args...)
	cmd.Dir = p.dir
	cmd.Env = goEnv(os.Environ())
	cmd.WaitDelay = time.Second
	out, err := cmd.CombinedOutput()
	text := StripPaths(string(out))
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return text, fmt.Errorf("snippet: go build: %w", ctxErr)
		}
		return text, fmt.Errorf("snippet: go build %s failed: %v\n%s", strings.Join(flags, " "), err, text)
	}
	p.built = true
	return text, nil
}

// goEnv is env made safe for a go command that must work offline and build
// exactly this module: no toolchain switch, no inherited flags, no workspace.
func goEnv(env []string) []string {
	out := make([]string, 0, len(env)+4)
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "GOFLAGS", "GOWORK", "GOTOOLCHAIN", "GO111MODULE":
			continue
		}
		// GoNB's variables name the notebook's pipes; a snippet must not
		// inherit them any more than a worker process does.
		if strings.HasPrefix(k, "GONB_") {
			continue
		}
		out = append(out, kv)
	}
	return append(out, "GOFLAGS=-mod=mod", "GOWORK=off", "GOTOOLCHAIN=local", "GO111MODULE=on")
}

// Result is how a run of the built program ended.
type Result struct {
	// Output is what the program wrote to stdout and stderr, interleaved as
	// it came, with paths stripped.
	Output string
	// ExitCode is the program's exit status: 0 for success; the race
	// detector makes a program that raced exit with 66.
	ExitCode int
}

// Run runs the program built by [Program.Build] and returns its output and
// exit code. A non-zero exit is not an error, since the caller usually wants
// to know the code (66 after a data race); failing to start, or ctx ending
// first, is.
func (p *Program) Run(ctx context.Context, args ...string) (Result, error) {
	if p == nil || p.dir == "" || !p.built {
		return Result{}, errors.New("snippet: Run before a successful Build")
	}
	cmd := exec.CommandContext(ctx, filepath.Join(p.dir, binaryName), args...)
	cmd.Dir = p.dir
	cmd.Env = goEnv(os.Environ())
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	res := Result{Output: StripPaths(out.String())}
	if ctxErr := ctx.Err(); ctxErr != nil {
		return res, fmt.Errorf("snippet: run: %w", ctxErr)
	}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		res.ExitCode = exit.ExitCode()
		if res.ExitCode < 0 {
			return res, fmt.Errorf("snippet: run: %v", exit)
		}
	case err != nil:
		return res, fmt.Errorf("snippet: run: %w", err)
	}
	return res, nil
}

// pathPrefix matches the folders of a file path: an absolute path such as
// /usr/local/go/src/runtime/proc.go up to its last slash, or the "./" of a
// relative one. A path starts at the start of a line or after a space,
// quote, parenthesis or "=", and ends at a space, colon, quote or bracket,
// which is how compiler messages and stack traces write them; a package
// path such as runtime/internal/atomic is not preceded by any of those
// and is left alone.
var pathPrefix = regexp.MustCompile(`(?m)(^|[\s("'=])(?:(?:/[^\s:"'()\[\]/]+)+/|\./)`)

// StripPaths reduces every file path in s to its base name, so
// "/tmp/snippet-123/main.go:17:2" and "./main.go:17:2" both read
// "main.go:17:2", and "/usr/local/go/src/sync/mutex.go:90" reads
// "mutex.go:90".
func StripPaths(s string) string {
	return pathPrefix.ReplaceAllString(s, "$1")
}
