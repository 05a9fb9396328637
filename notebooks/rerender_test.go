package notebooks_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/claims"
	"concurrencylab/kernel-helpers/tooling/nbcheck"
)

// TestVerdictsRerender re-renders every verdict and ledger table a committed
// notebook shows, from the claim ID and figures its output carries
// (claims.MIMEType), with today's claims code, and fails when the committed
// text differs: a verdict in a notebook must be one today's judges would
// print from those figures. After changing a judge, rerun the notebooks that
// show it (and 06-ledger).
func TestVerdictsRerender(t *testing.T) {
	for _, p := range notebookPaths(t) {
		t.Run(p, func(t *testing.T) {
			nb, err := nbcheck.Load(p)
			require.NoError(t, err)
			ps, n := rerenderProblems(nb)
			for _, msg := range ps {
				t.Errorf("%s: %s", p, msg)
			}
			t.Logf("%s: %d shown verdicts and ledgers re-rendered", p, n)
		})
	}
}

// TestVerdictsRerenderCatchesAnEdit proves the check can fail: the fixture
// holds real outputs of claims.Show and claims.Ledger whose committed text
// was edited by hand (a verdict turned to "agrees", a ledger count changed).
func TestVerdictsRerenderCatchesAnEdit(t *testing.T) {
	nb, err := nbcheck.Load(filepath.Join("..", "testdata", "notebooks", "edited-verdict.ipynb"))
	require.NoError(t, err)
	ps, n := rerenderProblems(nb)
	require.Equal(t, 2, n, "the fixture shows one verdict and one ledger")
	all := strings.Join(ps, "\n")
	assert.Contains(t, all, "cell 2: claim 001-16-cpus: the committed text/markdown differs")
	assert.Contains(t, all, "cell 2: claim 001-16-cpus: the committed text/plain differs")
	assert.Contains(t, all, "cell 3: the whole ledger: the committed text/markdown differs")

	// The same outputs rendered by today's code pass: the check compares,
	// it does not reject every shown verdict.
	for i := range nb.Cells {
		for j, o := range nb.Cells[i].Outputs {
			s, err := claims.ParseShown([]byte(o.Data[claims.MIMEType]))
			if err != nil {
				continue
			}
			md, plain, err := s.Render()
			require.NoError(t, err)
			o.Data["text/markdown"], o.Data["text/plain"] = nbcheck.Text(md), nbcheck.Text(plain)
			nb.Cells[i].Outputs[j] = o
		}
	}
	ps, _ = rerenderProblems(nb)
	assert.Empty(t, ps)
}

// rerenderProblems returns what differs between each shown verdict or
// ledger of nb and today's rendering of its figures, by cell, and how many
// it checked. A verdict shown without its figures is a problem too: it
// cannot be checked.
func rerenderProblems(nb *nbcheck.Notebook) (problems []string, checked int) {
	for i, c := range nb.Cells {
		for _, o := range c.Outputs {
			data, ok := o.Data[claims.MIMEType]
			if !ok {
				if md := string(o.Data["text/markdown"]); strings.HasPrefix(md, "**Claim ") && strings.Contains(md, "**Verdict: ") {
					problems = append(problems, fmt.Sprintf("cell %d: a verdict shown without its figures (%s): it cannot be re-rendered", i, claims.MIMEType))
				}
				continue
			}
			s, err := claims.ParseShown([]byte(data))
			if err != nil {
				problems = append(problems, fmt.Sprintf("cell %d: %v", i, err))
				continue
			}
			what := "claim " + s.Claim
			if s.Ledger {
				what = "the ledger of " + s.Notebook
				if s.Notebook == "" {
					what = "the whole ledger"
				}
			}
			md, plain, err := s.Render()
			if err != nil {
				problems = append(problems, fmt.Sprintf("cell %d: %s: %v", i, what, err))
				continue
			}
			checked++
			for _, r := range []struct{ mime, today string }{{"text/markdown", md}, {"text/plain", plain}} {
				if got := string(o.Data[r.mime]); got != r.today {
					problems = append(problems, fmt.Sprintf("cell %d: %s: the committed %s differs from what today's claims code prints from its figures:\ncommitted: %s\ntoday:     %s",
						i, what, r.mime, got, r.today))
				}
			}
		}
	}
	return problems, checked
}
