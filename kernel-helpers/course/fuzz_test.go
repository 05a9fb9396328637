package course_test

import (
	"strings"
	"testing"

	"concurrencylab/kernel-helpers/course"
	"concurrencylab/kernel-helpers/ipynb"
)

// FuzzEntry feeds the course map and the header every notebook the
// decoder accepts (seeds in testdata/fuzz/FuzzEntry): an entry has a title
// and a summary or an error, and the header renders, never a panic.
func FuzzEntry(f *testing.F) {
	f.Add([]byte(`{"cells": [{"cell_type": "markdown", "source": "# A"}], "metadata": {"concurrencylab": {"summary": "s"}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		nb, err := ipynb.Parse(data)
		if err != nil {
			return
		}
		e, err := course.Entry("00-x.ipynb", nb)
		if err == nil && (e.Title == "" || e.Summary == "") {
			t.Fatalf("an entry without a title or a summary: %+v", e)
		}
		a := course.AboutOf(nb)
		_ = a.Check()
		if md := a.Markdown(map[string]string{}); !strings.Contains(md, "**Time:**") {
			t.Fatalf("a header without its time: %q", md)
		}
	})
}
