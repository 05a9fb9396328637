package browser_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/tooling/browser"
	"concurrencylab/kernel-helpers/tooling/nbcheck"
)

// notebook has a plot in cell 1 and a Markdown verdict in cell 2, and
// promises one plot.
const notebook = `{"metadata": {"concurrencylab": {"plots": 1}}, "cells": [
 {"cell_type": "markdown", "source": "# Title"},
 {"cell_type": "code", "source": "", "outputs": [{"output_type": "display_data",
   "data": {"text/html": "<img src=\"data:image/svg+xml;base64,PHN2Zy8+\" alt=\"Plot.\">"}}]},
 {"cell_type": "code", "source": "", "outputs": [{"output_type": "display_data",
   "data": {"text/markdown": "**This machine:** two cores, [docs](https://example.org/x)."}}]}]}`

func TestUnreadable(t *testing.T) {
	nb, err := nbcheck.Parse([]byte(notebook))
	require.NoError(t, err)
	const verdict = "This machine: two cores, docs."
	for _, tc := range []struct {
		name  string
		cells []browser.CellView
		want  []string // prefixes of the problems, in order
	}{
		{"all shown (a link's URL may be missing)", []browser.CellView{{Index: 1, Images: 1}, {Index: 2, Text: verdict}}, nil},
		{"plot stripped", []browser.CellView{{Index: 1, Text: "Plot labels run together"}, {Index: 2, Text: verdict}},
			[]string{"cell 1: 1 plot(s) in the notebook, 0 shown", "1 plot(s) promised"}},
		{"plot without a size", []browser.CellView{{Index: 1, Images: 1, EmptyImages: 1}, {Index: 2, Text: verdict}},
			[]string{"cell 1: 1 picture(s) drawn without a size"}},
		{"markdown hidden", []browser.CellView{{Index: 1, Images: 1}, {Index: 2}},
			[]string{"cell 2 output 0: 0% of the Markdown's words visible"}},
		{"markdown half shown", []browser.CellView{{Index: 1, Images: 1}, {Index: 2, Text: "This machine"}},
			[]string{"cell 2 output 0: "}},
		{"cell missing from the page", []browser.CellView{{Index: 2, Text: verdict}},
			[]string{"cell 1: not on the page", "1 plot(s) promised"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := browser.Unreadable(nb, tc.cells)
			require.Len(t, got, len(tc.want), "%q", got)
			for i, w := range tc.want {
				assert.True(t, strings.HasPrefix(got[i], w), "problem %d: %q, want %q…", i, got[i], w)
			}
		})
	}
}
