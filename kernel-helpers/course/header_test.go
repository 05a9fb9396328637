package course_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/course"
)

func TestReadingMinutes(t *testing.T) {
	assert.Equal(t, 0, course.ReadingMinutes(0))
	assert.Equal(t, 1, course.ReadingMinutes(1))
	assert.Equal(t, 1, course.ReadingMinutes(course.WordsPerMinute))
	assert.Equal(t, 2, course.ReadingMinutes(course.WordsPerMinute+1))
}

// writeAbout puts a notebook with the given Markdown and metadata in dir.
func writeAbout(t *testing.T, dir, name, metadata string, markdown ...string) {
	t.Helper()
	var cells []string
	for _, m := range markdown {
		cells = append(cells, `{"cell_type":"markdown","source":"`+m+`"}`)
	}
	cells = append(cells, `{"cell_type":"code","source":"one two three","outputs":[]}`)
	nb := `{"cells":[` + strings.Join(cells, ",") + `],"metadata":{"concurrencylab":` + metadata + `},"nbformat":4,"nbformat_minor":5}`
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(nb), 0o644))
}

func TestHeader(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GONB_DIR", dir)
	writeAbout(t, dir, "01-a.ipynb", `{"summary":"s"}`, "# First notebook")
	writeAbout(t, dir, "02-b.ipynb",
		`{"objectives":["measure x","explain why y","choose z"],"prerequisites":["01-a.ipynb"],"reading_minutes":1,"run_seconds":185}`,
		"# Second", "five words in this cell")
	h, err := course.Header("02-b.ipynb")
	require.NoError(t, err)
	assert.Contains(t, h, "* measure x\n* explain why y\n* choose z\n")
	assert.Contains(t, h, "[01-a](01-a.ipynb) (First notebook)")
	assert.Contains(t, h, "about 1 min to read (7 words")                                     // code cells are not counted
	assert.Contains(t, h, "Run All in full mode took 3 min on the machine that last ran it.") // 185 s, rounded
	a, err := course.ReadAbout(filepath.Join(dir, "02-b.ipynb"))
	require.NoError(t, err)
	assert.NoError(t, a.Check())

	writeAbout(t, dir, "00-c.ipynb", `{"objectives":["measure x"],"prerequisites":["01-a"],"reading_minutes":9}`, "# Third")
	h, err = course.Header("00-c.ipynb")
	require.NoError(t, err)
	assert.Contains(t, h, "**Before it:** [01-a](01-a).")
	assert.Contains(t, h, "not recorded yet", "no run_seconds: the run time is not made up")
	a, err = course.ReadAbout(filepath.Join(dir, "00-c.ipynb"))
	require.NoError(t, err)
	err = a.Check()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "1 objectives, want 3 to 5")
	assert.Contains(t, err.Error(), `prerequisite "01-a" is not a notebook file`)
	assert.Contains(t, err.Error(), "reading_minutes is 9, but 2 words take 1")
}

func TestHeaderErrors(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GONB_DIR", dir)
	_, err := course.Header("missing.ipynb")
	require.Error(t, err)
	assert.NotContains(t, err.Error(), dir, "no path of this machine in an error")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bad.ipynb"), []byte("{"), 0o644))
	_, err = course.Header("bad.ipynb")
	assert.ErrorContains(t, err, "bad.ipynb: not a notebook")
}

func TestHeaderNoPrerequisites(t *testing.T) {
	a := course.About{Objectives: []string{"a", "b", "c"}, Words: 40, RunSeconds: 42}
	h := a.Markdown(nil)
	assert.Contains(t, h, "**Before it:** nothing; start here.")
	assert.Contains(t, h, "took 42 s")
}
