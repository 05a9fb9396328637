package history

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tinyDisk mounts a 64 KiB tmpfs at a new folder, or skips the test where
// mounting is not allowed (not root, no tmpfs, a container without the
// capability).
func tinyDisk(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=64k"); err != nil {
		t.Skipf("cannot mount a 64 KiB tmpfs here (%v): the full-disk case is not tested", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(dir, 0) })
	return dir
}

// TestAppendOnAFullDiskIsAllOrNothing fills a tiny disk so that only part
// of a Record fits: the file must keep its size and content, the error
// must say nothing was recorded, and a retry after freeing space must give
// each entry exactly once.
func TestAppendOnAFullDiskIsAllOrNothing(t *testing.T) {
	dir := tinyDisk(t)
	s, err := Open(filepath.Join(dir, "results.jsonl"))
	require.NoError(t, err)
	s.Warnings = &bytes.Buffer{}
	require.NoError(t, s.Record("", result("before", "sequential", 1, time.Millisecond)))
	before, err := os.ReadFile(s.Path())
	require.NoError(t, err)

	// Fill the disk but for a little room: less than the batch below needs.
	filler := filepath.Join(dir, "filler")
	fill := make([]byte, 1024)
	fh, err := os.Create(filler)
	require.NoError(t, err)
	for {
		if _, err := fh.Write(fill); err != nil {
			break
		}
	}
	require.NoError(t, fh.Close())
	require.NoError(t, os.Truncate(filler, mustSize(t, filler)-3000))

	samples := make([]time.Duration, 100) // about 1.3 KB of JSON per entry
	for i := range samples {
		samples[i] = time.Duration(i+1) * time.Millisecond
	}
	var batch []Entry
	names := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	for _, n := range names {
		batch = append(batch, Entry{Time: t0, Run: "r", Result: result(n, "goroutines", 2, samples...)})
	}
	err = s.Append(batch...)
	require.Error(t, err, "the batch cannot fit")
	assert.Contains(t, err.Error(), "nothing recorded")
	assert.NotContains(t, err.Error(), dir, "no path of the machine in the error")
	after, err := os.ReadFile(s.Path())
	require.NoError(t, err)
	assert.Equal(t, before, after, "no partial entries left in the file")

	require.NoError(t, os.Remove(filler))
	require.NoError(t, s.Append(batch...), "the retry fits")
	got, err := s.Load()
	require.NoError(t, err)
	var seen []string
	for _, e := range got {
		seen = append(seen, e.Result.Name)
	}
	assert.Equal(t, append([]string{"before"}, names...), seen, "each entry once")
}

func mustSize(t *testing.T, path string) int64 {
	fi, err := os.Stat(path)
	require.NoError(t, err)
	return fi.Size()
}

func TestForgetOnFailureRemovesNothing(t *testing.T) {
	s, _ := tempStore(t)
	require.NoError(t, s.Record("", result("one", "sequential", 1, time.Millisecond)))
	old := rename
	rename = func(string, string) error { return syscall.ENOSPC }
	defer func() { rename = old }()
	n, err := s.Forget("one")
	require.Error(t, err)
	assert.Equal(t, 0, n, "Forget reports no removal it did not make")
}

func TestDecodeSkipsALineTooLong(t *testing.T) {
	good := `{"time":"2025-03-04T05:12:00Z","run":"r","result":{"name":"x","strategy":"s","samples":[1000]}}` + "\n"
	huge := `{"result":"` + strings.Repeat("x", MaxLine+10) + "\"}\n"
	entries, warnings, err := Decode(strings.NewReader(good + huge + good))
	require.NoError(t, err)
	assert.Len(t, entries, 2)
	require.Len(t, warnings, 1)
	assert.Equal(t, 2, warnings[0].Line)
	assert.ErrorContains(t, warnings[0].Err, "longer than")
	_, _, err = Decode(nil)
	assert.ErrorContains(t, err, "needs a reader")
}

func TestErrorsNameNoFolder(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(dir, "results.jsonl"), 0o755)) // a folder where the file should be
	s, err := Open(filepath.Join(dir, "results.jsonl"))
	if err != nil {
		assert.NotContains(t, err.Error(), dir)
		return
	}
	s.Warnings = &bytes.Buffer{}
	err = s.Record("", result("x", "s", 1, time.Millisecond))
	require.Error(t, err)
	assert.NotContains(t, err.Error(), dir)
	assert.Contains(t, err.Error(), "results.jsonl")
}
