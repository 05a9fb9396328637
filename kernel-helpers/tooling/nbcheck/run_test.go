package nbcheck_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/tooling/jupyter"
	"concurrencylab/kernel-helpers/tooling/nbcheck"
)

// fixtures holds notebooks made to fail (and one made to pass): the
// harness proves it can tell them apart through real Jupyter.
const fixtures = "../../../testdata/notebooks"

func TestRunFixtures(t *testing.T) {
	env := jupyter.ForTest(t, "CONCURRENCYLAB_QUICK=1")
	for _, tc := range []struct {
		notebook string
		want     []string // substrings each found in some problem; none for a healthy notebook
	}{
		{"ok.ipynb", nil},
		{"panic.ipynb", []string{"panic: fixture: this cell panics"}},
		{"exit.ipynb", []string{"exit status 3", "output shows a path of this machine"}},
	} {
		t.Run(tc.notebook, func(t *testing.T) {
			ps, err := nbcheck.Run(context.Background(), env, filepath.Join(fixtures, tc.notebook), t.TempDir(),
				jupyter.ExecOptions{}, nbcheck.Options{})
			require.NoError(t, err)
			if len(tc.want) == 0 {
				assert.Empty(t, ps)
			}
			var all []string
			for _, p := range ps {
				all = append(all, p.String())
			}
			for _, w := range tc.want {
				assert.Contains(t, strings.Join(all, "\n"), w)
			}
		})
	}
}

func TestRunStopsAHungCell(t *testing.T) {
	env := jupyter.ForTest(t)
	ps, err := nbcheck.Run(context.Background(), env, filepath.Join(fixtures, "hang.ipynb"), t.TempDir(),
		jupyter.ExecOptions{CellTimeout: 20 * time.Second}, nbcheck.Options{})
	require.NoError(t, err)
	require.Len(t, ps, 1)
	assert.True(t, strings.Contains(ps[0].Message, "cell timeout") && strings.Contains(ps[0].Message, "time.Sleep(time.Hour)"),
		"problem should name the timeout and the cell: %s", ps[0])
}
