package notebooks_test

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/course"
	"concurrencylab/kernel-helpers/quick"
	"concurrencylab/kernel-helpers/tooling/jupyter"
	"concurrencylab/kernel-helpers/tooling/nbcheck"
	"concurrencylab/kernel-helpers/tooling/scaffold"
)

// copyProject copies the project's sources (not its dot-folders, the site
// or the results history) into a new temporary folder.
func copyProject(t *testing.T) string {
	t.Helper()
	src, err := filepath.Abs("..")
	require.NoError(t, err)
	dst := t.TempDir()
	err = filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if rel != "." && (strings.HasPrefix(d.Name(), ".") || rel == "site") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	require.NoError(t, err)
	return dst
}

// TestScaffoldedNotebookRuns creates a notebook with the scaffold in a copy
// of the project, as an author would with `make notebook`, and checks that
// it passes, unchanged, what the course's own notebooks must pass: its
// lesson package's tests, the course map, and a run through Jupyter.
func TestScaffoldedNotebookRuns(t *testing.T) {
	t.Parallel() // with the other parallel tests, after the sequential ones
	env := jupyter.ForTest(t, quick.Env+"=1", testHistory(t))
	root := copyProject(t)
	o := scaffold.Options{Name: "98-scaffolded", Title: "A scaffolded notebook", Summary: "What the scaffold makes, run as it is."}
	_, err := scaffold.Create(root, o)
	require.NoError(t, err)

	cmd := exec.Command("go", "test", "./kernel-helpers/lessons/98-scaffolded/...", "./kernel-helpers/")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "the lesson package's tests:\n%s", out)

	nbs, err := course.Map(filepath.Join(root, "notebooks"))
	require.NoError(t, err)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	require.NoError(t, err)
	for _, nb := range nbs {
		assert.Contains(t, string(readme), nb.File, "course map")
	}

	ps, err := nbcheck.Run(context.Background(), env, filepath.Join(root, "notebooks", o.Name+".ipynb"), t.TempDir(),
		jupyter.ExecOptions{CellTimeout: cellTimeout(t)}, nbcheck.Options{})
	require.NoError(t, err)
	for _, p := range ps {
		t.Error(p)
	}
}
