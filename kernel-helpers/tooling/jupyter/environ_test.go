package jupyter

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goflags returns the last GOFLAGS of env: the one a child process sees.
func goflags(env []string) string {
	v := ""
	for _, kv := range env {
		if s, ok := strings.CutPrefix(kv, "GOFLAGS="); ok {
			v = s
		}
	}
	return v
}

func TestEnvironGOFLAGS(t *testing.T) {
	e := &Env{DataDir: t.TempDir()}
	t.Setenv("GOFLAGS", "")
	assert.Equal(t, LinkFlags, goflags(e.environ()))
	t.Setenv("GOFLAGS", "-ldflags=-s -mod=mod")
	assert.Equal(t, LinkFlags+" -ldflags=-s -mod=mod", goflags(e.environ()), "one's own GOFLAGS come last, and win")
}

// Using finds a process by its working directory and by its command line,
// and not a process elsewhere.
func TestUsing(t *testing.T) {
	if _, err := os.Stat("/proc/self/cwd"); err != nil {
		t.Skip("no /proc here")
	}
	dir := t.TempDir()
	byCwd := exec.Command("sleep", "30")
	byCwd.Dir = dir
	byArg := exec.Command("sh", "-c", "sleep 30; : "+dir)
	other := exec.Command("sleep", "30")
	for _, c := range []*exec.Cmd{byCwd, byArg, other} {
		require.NoError(t, c.Start())
		t.Cleanup(func() { _ = c.Process.Kill(); _ = c.Wait() })
	}
	pids := Using(dir)
	assert.Contains(t, pids, byCwd.Process.Pid)
	assert.Contains(t, pids, byArg.Process.Pid)
	assert.NotContains(t, pids, other.Process.Pid)
	assert.Empty(t, Using(t.TempDir()))
}
