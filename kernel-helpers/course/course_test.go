package course_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/course"
)

// write puts a minimal notebook with one Markdown cell and a summary in dir.
func write(t *testing.T, dir, name, markdown, summary string) {
	t.Helper()
	nb := fmt.Sprintf(`{"cells":[{"cell_type":"code","source":"%%%%","outputs":[]},{"cell_type":"markdown","source":[%q]}],
		"metadata":{"concurrencylab":{"summary":%q}},"nbformat":4,"nbformat_minor":5}`, markdown, summary)
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(nb), 0o644))
}

func TestMap(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "01-threads.ipynb", "intro\n## Threads, shared memory\ntext", "Goroutines share memory.")
	write(t, dir, "00-overview.ipynb", "# Overview", "Where to start.")
	nbs, err := course.Map(dir)
	require.NoError(t, err)
	require.Equal(t, []course.Notebook{
		{File: "00-overview.ipynb", Title: "Overview", Summary: "Where to start."},
		{File: "01-threads.ipynb", Title: "Threads, shared memory", Summary: "Goroutines share memory."},
	}, nbs)
	assert.Equal(t, "01-threads", nbs[1].Name())

	md := course.Markdown(nbs, func(nb course.Notebook) string { return nb.Name() + ".html" })
	assert.Equal(t, "1. **[Overview](00-overview.html)** — Where to start.\n"+
		"1. **[Threads, shared memory](01-threads.html)** — Goroutines share memory.\n", md)
}

func TestMapErrors(t *testing.T) {
	t.Run("empty folder", func(t *testing.T) {
		_, err := course.Map(t.TempDir())
		assert.ErrorContains(t, err, "no notebooks")
	})
	t.Run("no heading", func(t *testing.T) {
		dir := t.TempDir()
		write(t, dir, "00-a.ipynb", "just text", "s")
		_, err := course.Map(dir)
		assert.ErrorContains(t, err, "00-a.ipynb has no Markdown heading")
	})
	t.Run("no summary", func(t *testing.T) {
		dir := t.TempDir()
		write(t, dir, "00-a.ipynb", "# A", "")
		_, err := course.Map(dir)
		assert.ErrorContains(t, err, "no summary")
	})
	t.Run("not json", func(t *testing.T) {
		dir := t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(dir, "00-a.ipynb"), []byte("{"), 0o644))
		_, err := course.Map(dir)
		assert.ErrorContains(t, err, "not a notebook")
	})
}
