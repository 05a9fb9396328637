package site

import (
	"testing"

	"concurrencylab/kernel-helpers/ipynb"
)

// FuzzLesson feeds the site's reading of a notebook every notebook the
// decoder accepts (seeds in testdata/fuzz/FuzzLesson): a lesson or an
// error, its exercises each with an id, never a panic.
func FuzzLesson(f *testing.F) {
	f.Add([]byte(`{"cells": [{"cell_type": "markdown", "source": "# A"}, {"cell_type": "code", "source": "", "metadata": {"concurrencylab": {"exercise": {"id": "x"}}}}], "metadata": {"concurrencylab": {"summary": "s"}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		nb, err := ipynb.Parse(data)
		if err != nil {
			return
		}
		l, err := lessonOf("00-x.ipynb", nb)
		if err != nil {
			return
		}
		for _, ex := range l.Exercises {
			if ex.ID == "" {
				t.Fatal("an exercise without an id")
			}
		}
		_ = l.Time()
	})
}
