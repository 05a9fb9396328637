package notebooks_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/course"
)

// TestCourseIsComplete checks the course's content, not a library: every
// notebook has a title and a summary, and the README's course map names
// every notebook. It lives here, beside the notebooks, so that adding a
// notebook never turns a library package's tests red.
func TestCourseIsComplete(t *testing.T) {
	nbs, err := course.Map(".")
	require.NoError(t, err)
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	for _, nb := range nbs {
		assert.True(t, strings.Contains(string(readme), nb.File), "README's course map misses %s", nb.File)
	}
}
