package jupyter

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// RequireEnv is the environment variable that turns a missing Jupyter from
// a skipped test into a failed one. `make test` sets it to 1.
const RequireEnv = "REQUIRE_NOTEBOOKS"

// ForTest returns an [Env] with the GoNB kernel installed in a temporary
// folder of t, with extra environment variables for the cells. When Jupyter
// or GoNB is missing it skips t, or fails it if [RequireEnv] is "1", so a
// plain `go test ./...` passes on a machine without Jupyter.
func ForTest(t testing.TB, extra ...string) *Env {
	t.Helper()
	e, err := New(context.Background(), t.TempDir())
	switch {
	case errors.Is(err, ErrMissing) && os.Getenv(RequireEnv) != "1":
		t.Skipf("skipping notebook test: %v (set %s=1 to make this a failure)", err, RequireEnv)
	case err != nil:
		t.Fatalf("notebook tests need Jupyter and GoNB (%s=1): %v", RequireEnv, err)
	}
	// The kernel's temporary files (GoNB's cell folders and pipes, the
	// cells' own) go into a folder of t's, removed after the test. A test
	// that kills a kernel outright leaves GoNB's gopls running there; it is
	// stopped first (cleanups run last-registered first).
	tmp := t.TempDir()
	t.Cleanup(func() {
		for _, pid := range Using(tmp) {
			t.Logf("stopping process %d, left running by a kernel in the test's temporary folder", pid)
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	})
	e.Extra = append(e.Extra, "TMPDIR="+tmp)
	e.Extra = append(e.Extra, extra...)
	return e
}

// Using returns the processes of this user whose working directory or
// command line names a path under dir (Linux: read from /proc; none
// elsewhere).
func Using(dir string) []int {
	entries, err := os.ReadDir("/proc")
	if err != nil || dir == "" {
		return nil
	}
	var pids []int
	for _, en := range entries {
		pid, err := strconv.Atoi(en.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		cwd, _ := os.Readlink(filepath.Join("/proc", en.Name(), "cwd"))
		cmd, _ := os.ReadFile(filepath.Join("/proc", en.Name(), "cmdline"))
		if strings.HasPrefix(cwd, dir) || strings.Contains(string(cmd), dir) {
			pids = append(pids, pid)
		}
	}
	return pids
}
