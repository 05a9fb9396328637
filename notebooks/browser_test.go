package notebooks_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/quick"
	"concurrencylab/kernel-helpers/tooling/browser"
	"concurrencylab/kernel-helpers/tooling/jupyter"
	"concurrencylab/kernel-helpers/tooling/nbcheck"
	"concurrencylab/kernel-helpers/tooling/site"
)

// TestSiteInBrowser builds the HTML site from the committed notebooks and
// opens every page in headless Chromium, offline: each plot must render
// with a size, no placeholder or error may show, and no page may load
// anything from outside the site.
func TestSiteInBrowser(t *testing.T) {
	env := jupyter.ForTest(t)
	b := browser.ForTest(t)
	paths := notebookPaths(t)
	out := t.TempDir()
	require.NoError(t, site.Build(context.Background(), env, site.Options{Notebooks: paths, Out: out}))

	base := "file://" + out + "/"
	broken, err := site.BrokenLinks(out)
	require.NoError(t, err)
	assert.Empty(t, broken, "links between the pages (the cheat sheet's sections, the index)")

	pages := map[string]int{"index.html": 0, "instructors.html": 0} // page → plots it must show
	for _, p := range paths {
		nb, err := nbcheck.Load(p)
		require.NoError(t, err)
		// As many as the notebook promises; the ledger is a table and
		// promises none.
		pages[strings.TrimSuffix(p, ".ipynb")+".html"] = nb.Metadata.Course.Plots
	}
	for page, plots := range pages {
		t.Run(page, func(t *testing.T) {
			html, err := os.ReadFile(filepath.Join(out, page))
			require.NoError(t, err)
			assert.Empty(t, site.External(html), "references outside the site")

			r, err := b.Inspect(context.Background(), base+page, base)
			require.NoError(t, err)
			assert.GreaterOrEqual(t, r.Plots, plots, "plots rendered with a size")
			assert.Zero(t, r.EmptyPlots, "plots rendered without a size")
			assert.Empty(t, r.Placeholders)
			assert.Empty(t, r.Errors)
			assert.Empty(t, r.Outside, "requests outside the site")
		})
	}
}

// TestClassicNotebook does what a reader does: open the overview in the
// classic Notebook, Cell → Run All, and see a plot appear. It runs on a
// copy of the notebook, in quick mode.
func TestClassicNotebook(t *testing.T) {
	env := jupyter.ForTest(t, quick.Env+"=1", testHistory(t))
	b := browser.ForTest(t)
	dir := courseCopy(t, "00-overview.ipynb")
	srv, err := env.StartNotebook(context.Background(), dir)
	require.NoError(t, err)
	t.Cleanup(srv.Close)

	r, err := b.RunAll(context.Background(), srv.Page("00-overview.ipynb"), cellTimeout(t)+2*time.Minute)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, r.Plots, 1, "a plot appears after Run All")
	assert.Zero(t, r.EmptyPlots)
	assert.Empty(t, r.Errors)
}

// courseCopy makes a course folder in a temporary directory that holds its
// own copy of the named notebook, so a notebook server can save it without
// touching the committed one (see courseTree). It returns the copy's
// notebooks folder.
func courseCopy(t *testing.T, notebook string) string {
	t.Helper()
	return courseTree(t, notebook)
}
