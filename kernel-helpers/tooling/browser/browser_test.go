package browser_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"concurrencylab/kernel-helpers/tooling/browser"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// page writes an HTML page into dir and returns its file:// URL.
func page(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, []byte("<!DOCTYPE html><html><body>"+body+"</body></html>"), 0o644))
	return "file://" + p
}

func TestInspect(t *testing.T) {
	b := browser.ForTest(t)
	dir := t.TempDir()
	base := "file://" + dir + "/"
	plot := `<div class="jp-OutputArea-output"><svg width="100" height="50"><rect width="10" height="10"/></svg></div>`
	for _, tc := range []struct {
		name string
		body string
		want browser.Report
	}{
		{"one plot", plot, browser.Report{Plots: 1}},
		{"svg outside outputs is not a plot", `<svg width="10" height="10"></svg>` + plot, browser.Report{Plots: 1}},
		{"hidden plot", `<div class="jp-OutputArea-output" style="display:none"><svg width="100" height="50"></svg></div>`,
			browser.Report{EmptyPlots: 1}},
		{"placeholder", plot + `<p>Loading...</p>`, browser.Report{Plots: 1, Placeholders: []string{"Loading..."}}},
		{"stderr panic", plot + `<div data-mime-type="application/vnd.jupyter.stderr">panic: boom</div>`,
			browser.Report{Plots: 1, Errors: []string{"panic: boom"}}},
		{"a plot as an SVG image", `<div class="jp-OutputArea-output"><img alt="plot" src="data:image/svg+xml;base64,` +
			`PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSIxMDAiIGhlaWdodD0iNTAiPjwvc3ZnPg=="></div>`,
			browser.Report{Plots: 1}},
		{"a broken SVG image", `<div class="jp-OutputArea-output"><img alt="plot" width="100" height="50" src="data:image/svg+xml;base64,bm90IHN2Zw=="></div>`,
			browser.Report{EmptyPlots: 1}},
		{"outside request", plot + `<img src="http://127.0.0.1:1/x.png">`,
			browser.Report{Plots: 1, Outside: []string{"http://127.0.0.1:1/x.png"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			url := page(t, dir, "p.html", tc.body)
			got, err := b.Inspect(context.Background(), url, base)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestInspectBadURL(t *testing.T) {
	b := browser.ForTest(t)
	_, err := b.Inspect(context.Background(), "file:///nonexistent-dir/none.html", "file:///")
	// Chromium shows its own error page for a missing file; either way
	// nothing of ours rendered, and the call must not hang.
	if err == nil {
		r, _ := b.Inspect(context.Background(), "file:///nonexistent-dir/none.html", "file:///")
		assert.Zero(t, r.Plots)
	}
}
