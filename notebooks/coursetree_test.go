package notebooks_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// courseTree makes a course folder in a temporary directory: a copy of the
// repository's files (not .git, not a built site), real files rather than
// links, with a notebooks/ folder holding copies of the given notebooks
// only. It returns that notebooks folder. Real files, because a notebook's
// setup cell fetches what concurrencylab/... imports, and that pattern, like
// every go command pattern, does not follow symbolic links.
func courseTree(t *testing.T, notebooks ...string) string {
	t.Helper()
	root, err := filepath.Abs("..")
	require.NoError(t, err)
	tmp := t.TempDir()
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		switch {
		case rel == ".":
			return nil
		case rel == ".git" || rel == "notebooks" || rel == "site":
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		case d.IsDir():
			return os.MkdirAll(filepath.Join(tmp, rel), 0o755)
		case !d.Type().IsRegular():
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(tmp, rel), data, info.Mode().Perm())
	})
	require.NoError(t, err)
	dir := filepath.Join(tmp, "notebooks")
	require.NoError(t, os.Mkdir(dir, 0o755))
	for _, nb := range notebooks {
		b, err := os.ReadFile(nb)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, filepath.Base(nb)), b, 0o644))
	}
	return dir
}
