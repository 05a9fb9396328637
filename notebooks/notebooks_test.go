// Package notebooks_test runs every course notebook through real Jupyter,
// in quick mode, and fails on any cell that errs, panics, exits non-zero,
// runs past its timeout, shows a path of this machine, or leaves out the
// plots the notebook promises. It also checks the committed notebooks: a
// reader must see the outputs of one clean run.
//
// Without Jupyter the execution is skipped, unless REQUIRE_NOTEBOOKS=1
// (`make test` sets it), which turns the skip into a failure.
package notebooks_test

import (
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/claims"
	"concurrencylab/kernel-helpers/history"
	"concurrencylab/kernel-helpers/quick"
	"concurrencylab/kernel-helpers/tooling/jupyter"
	"concurrencylab/kernel-helpers/tooling/nbcheck"
)

// cellTimeout bounds each cell in quick mode. The first cell to import
// gonum builds it, ~20 s on a cold Go build cache; NOTEBOOK_CELL_TIMEOUT
// (seconds) overrides it on slow machines.
func cellTimeout(t *testing.T) time.Duration {
	if s := os.Getenv("NOTEBOOK_CELL_TIMEOUT"); s != "" {
		n, err := strconv.Atoi(s)
		require.NoError(t, err, "NOTEBOOK_CELL_TIMEOUT must be seconds")
		return time.Duration(n) * time.Second
	}
	return 3 * time.Minute
}

// testHistory points the notebooks' results history at a temporary file,
// so test runs never mix with the reader's own measurements.
func testHistory(t *testing.T) string {
	return history.EnvPath + "=" + filepath.Join(t.TempDir(), "results.jsonl")
}

func notebookPaths(t *testing.T) []string {
	paths, err := filepath.Glob("*.ipynb")
	require.NoError(t, err)
	require.NotEmpty(t, paths, "no notebooks found")
	return paths
}

// TestCommitted checks the notebooks as committed, without running them.
func TestCommitted(t *testing.T) {
	for _, p := range notebookPaths(t) {
		t.Run(p, func(t *testing.T) {
			nb, err := nbcheck.Load(p)
			require.NoError(t, err)
			assert.Empty(t, nbcheck.CheckCommitted(nb), "committed notebook not from one clean run")
			root, err := filepath.Abs("..")
			require.NoError(t, err)
			home, _ := os.UserHomeDir()
			assert.Empty(t, nbcheck.Check(nb, nbcheck.Options{Paths: []string{root, home}}), "committed outputs")
		})
	}
}

// ledgerNotebook shows the whole ledger from the figures the other
// notebooks record, so it runs after them: in [TestExecuteLedger].
const ledgerNotebook = "06-ledger.ipynb"

// executedHistory is the results history [TestExecute] ran the notebooks
// with ("" if it did not run): [TestExecuteLedger] reads their figures.
var executedHistory string

// executeNotebook runs the notebook p through Jupyter in quick mode with
// env, fails t on every problem found and returns the executed notebook.
func executeNotebook(t *testing.T, env *jupyter.Env, p string) *nbcheck.Notebook {
	dir := t.TempDir()
	ps, err := nbcheck.Run(context.Background(), env, p, dir,
		jupyter.ExecOptions{CellTimeout: cellTimeout(t)}, nbcheck.Options{})
	require.NoError(t, err)
	for _, p := range ps {
		t.Error(p)
	}
	nb, err := nbcheck.Load(filepath.Join(dir, filepath.Base(p)))
	require.NoError(t, err)
	return nb
}

// TestExecute runs every notebook but the ledger through Jupyter in quick
// mode, in parallel (as many at once as -test.parallel, GOMAXPROCS by
// default), all with one results history (and so one claims figures file)
// as `make notebooks` and `make html` do. TestExecuteLedger, next, runs the
// ledger once they have all ended: as a parallel subtest here it would
// hold one of the few parallel slots while it waited.
func TestExecute(t *testing.T) {
	hist := filepath.Join(t.TempDir(), "results.jsonl")
	env := jupyter.ForTest(t, quick.Env+"=1", history.EnvPath+"="+hist)
	executedHistory = hist
	for _, p := range notebookPaths(t) {
		if p == ledgerNotebook {
			continue
		}
		t.Run(p, func(t *testing.T) {
			t.Parallel()
			executeNotebook(t, env, p)
		})
	}
}

// TestExecuteLedger runs the ledger after the notebooks TestExecute ran
// (Go runs a file's top-level tests in order, and TestExecute ends after
// its parallel subtests), with their results history, so that its table
// shows their figures; then it checks that it judged every claim they
// recorded. Its subtest is named after the notebook, so that -run
// 'TestExecute/06' selects it.
func TestExecuteLedger(t *testing.T) {
	t.Run(ledgerNotebook, func(t *testing.T) {
		hist := executedHistory
		if hist == "" { // TestExecute did not run: the ledger alone
			hist = filepath.Join(t.TempDir(), "results.jsonl")
		}
		env := jupyter.ForTest(t, quick.Env+"=1", history.EnvPath+"="+hist)
		recorded, err := claims.ReadFile(claims.PathBeside(hist))
		require.NoError(t, err)
		nb := executeNotebook(t, env, ledgerNotebook)
		ledgers := 0
		for _, c := range nb.Cells {
			for _, o := range c.Outputs {
				s, err := claims.ParseShown([]byte(o.Data[claims.MIMEType]))
				if err != nil || !s.Ledger {
					continue
				}
				ledgers++
				assert.Equal(t, "", s.Notebook, "the whole ledger")
				for id := range recorded {
					assert.Contains(t, s.Recorded, id, "the ledger judges claim %s, recorded by the notebooks run before it", id)
				}
			}
		}
		assert.Equal(t, 1, ledgers, "the ledger notebook shows the whole ledger once")
		t.Logf("%d claims recorded by the notebooks run before the ledger", len(recorded))
	})
}

// TestRerunAndCompare runs the overview twice against one results history,
// as a reader rerunning it would, and checks that the compare cell then
// plots both runs.
func TestRerunAndCompare(t *testing.T) {
	t.Parallel() // with the other parallel tests, after the sequential ones
	env := jupyter.ForTest(t, quick.Env+"=1", testHistory(t))
	for run := 1; run <= 2; run++ {
		dir := t.TempDir()
		ps, err := nbcheck.Run(context.Background(), env, "00-overview.ipynb", dir,
			jupyter.ExecOptions{CellTimeout: cellTimeout(t)}, nbcheck.Options{})
		require.NoError(t, err)
		require.Empty(t, ps, "run %d", run)
		if run < 2 {
			continue
		}
		nb, err := nbcheck.Load(filepath.Join(dir, "00-overview.ipynb"))
		require.NoError(t, err)
		last := lastPlot(nb)
		assert.Contains(t, last, "run 1 (", "the first run appears in the compare plot")
		assert.Contains(t, last, "latest run (", "the second run appears in the compare plot")
	}
}

// lastPlot returns the SVG of the last plot a notebook shows, inline or
// in an <img> with a data URL (package display's way).
func lastPlot(nb *nbcheck.Notebook) string {
	last := ""
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			h := string(o.Data["text/html"])
			if strings.Contains(h, "<svg") {
				last = h
			}
			const prefix = `src="data:image/svg+xml;base64,`
			if _, rest, ok := strings.Cut(h, prefix); ok {
				enc, _, _ := strings.Cut(rest, `"`)
				if svg, err := base64.StdEncoding.DecodeString(enc); err == nil {
					last = string(svg)
				}
			}
		}
	}
	return last
}
