package course_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/course"
)

func TestMarkdownNilLink(t *testing.T) {
	got := course.Markdown([]course.Notebook{{File: "00-x.ipynb", Title: "X", Summary: "s"}}, nil)
	assert.Equal(t, "1. **X** — s\n", got)
}
