package notebooks_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/course"
)

// TestCourseHeaders checks what every notebook tells a learner before and
// after it: 3 to 5 objectives, prerequisites that are notebooks of the
// course, a reading time computed from its words, a header cell that shows
// them, key points and references at the end. It covers the lessons,
// 00 to 06; a notebook added after them opts in by being listed here.
func TestCourseHeaders(t *testing.T) {
	for _, p := range notebookPaths(t) {
		name := filepath.Base(p)
		if name > "07" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			a, err := course.ReadAbout(p)
			require.NoError(t, err)
			assert.NoError(t, a.Check(), "set the metadata under concurrencylab (reading_minutes is computed from the words)")
			for _, pre := range a.Prerequisites {
				assert.FileExists(t, pre, "a prerequisite is a notebook of the course")
				assert.Less(t, pre, name, "a prerequisite comes before the notebook")
			}
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			src := string(b)
			assert.Contains(t, src, `course.ShowHeader(\"`+name+`\")`, "a cell near the top shows the header")
			assert.Contains(t, src, `"## Key points`)
			assert.Contains(t, src, `"## References`)
		})
	}
}
