package worker

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInitPath builds testdata/initmain, a plain program like a GoNB cell
// that never calls ServeIfWorker, runs it with GoNB's variables set, and
// checks that its pool works: its workers serve from this package's init.
func TestInitPath(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program: skipped in -short mode")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH to build the program with")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	bin := filepath.Join(t.TempDir(), "initmain")
	build := exec.CommandContext(ctx, goTool, "build", "-o", bin, "./testdata/initmain")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)

	run := exec.CommandContext(ctx, bin)
	// As in a notebook: the kernel's pipes are in the environment, and a
	// worker must not inherit them.
	run.Env = append(os.Environ(), "GONB_PIPE=/nonexistent/pipe", "GONB_PIPE_BACK=/nonexistent/back")
	var stdout, stderr bytes.Buffer
	run.Stdout, run.Stderr = &stdout, &stderr
	require.NoError(t, run.Run(), "initmain: %s", stderr.String())

	var r struct {
		Parent, Child, Info int
		Count               int64
	}
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &r), "output: %s", stdout.String())
	assert.Equal(t, run.Process.Pid, r.Parent)
	assert.NotZero(t, r.Child)
	assert.NotEqual(t, r.Parent, r.Child, "the task ran in another process")
	assert.Equal(t, r.Child, r.Info)
	assert.Equal(t, int64(1000), r.Count)
}
