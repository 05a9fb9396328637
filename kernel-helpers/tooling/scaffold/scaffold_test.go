package scaffold_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/tooling/scaffold"
)

const readme = `# x

## Course map

1. ` + "`notebooks/00-overview.ipynb`" + `: start here,
   on two lines.
2. ` + "`notebooks/01-processes.ipynb`" + `: processes.

Each notebook opens with a setup cell.

## Layout
`

func project(t *testing.T) string {
	root := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(root, "notebooks"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "README.md"), []byte(readme), 0o644))
	return root
}

func TestCreate(t *testing.T) {
	root := project(t)
	files, err := scaffold.Create(root, scaffold.Options{Name: "07-pipe-lines", Title: "Pipelines", Summary: "Stages joined by channels."})
	require.NoError(t, err)
	assert.Equal(t, []string{
		"notebooks/07-pipe-lines.ipynb",
		"kernel-helpers/lessons/07-pipe-lines/pipelines/doc.go",
		"kernel-helpers/lessons/07-pipe-lines/pipelines/pipelines.go",
		"kernel-helpers/lessons/07-pipe-lines/pipelines/pipelines_test.go",
		"README.md",
	}, files)

	got, err := os.ReadFile(filepath.Join(root, "README.md"))
	require.NoError(t, err)
	assert.Contains(t, string(got), "   on two lines.\n2. `notebooks/01-processes.ipynb`: processes.\n"+
		"3. `notebooks/07-pipe-lines.ipynb`: Stages joined by channels.\n\nEach notebook")

	data, err := os.ReadFile(filepath.Join(root, files[0]))
	require.NoError(t, err)
	var nb struct {
		Cells []struct {
			Type   string   `json:"cell_type"`
			Source []string `json:"source"`
		} `json:"cells"`
		Metadata struct {
			Course struct {
				Summary string `json:"summary"`
				Plots   int    `json:"plots"`
			} `json:"concurrencylab"`
		} `json:"metadata"`
	}
	require.NoError(t, json.Unmarshal(data, &nb))
	assert.Equal(t, "Stages joined by channels.", nb.Metadata.Course.Summary)
	assert.Equal(t, 1, nb.Metadata.Course.Plots)
	require.Len(t, nb.Cells, 6)
	assert.Equal(t, "# Pipelines\n", nb.Cells[0].Source[0])
	assert.Contains(t, strings.Join(nb.Cells[5].Source, ""), `"concurrencylab/kernel-helpers/lessons/07-pipe-lines/pipelines"`)

	_, err = scaffold.Create(root, scaffold.Options{Name: "07-pipe-lines", Title: "Again", Summary: "s"})
	assert.ErrorContains(t, err, "exists already")
}

func TestCreateRejects(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    scaffold.Options
		want string
	}{
		{"bad name", scaffold.Options{Name: "7-x", Title: "t", Summary: "s"}, "two digits"},
		{"upper case", scaffold.Options{Name: "07-Pipes", Title: "t", Summary: "s"}, "two digits"},
		{"path in name", scaffold.Options{Name: "07-../x", Title: "t", Summary: "s"}, "two digits"},
		{"no title", scaffold.Options{Name: "07-x", Summary: "s"}, "title"},
		{"two-line summary", scaffold.Options{Name: "07-x", Title: "t", Summary: "a\nb"}, "summary"},
		{"bad package", scaffold.Options{Name: "07-x", Title: "t", Summary: "s", Package: "a-b"}, "package"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := project(t)
			_, err := scaffold.Create(root, tc.o)
			assert.ErrorContains(t, err, tc.want)
			entries, err := os.ReadDir(filepath.Join(root, "notebooks"))
			require.NoError(t, err)
			assert.Empty(t, entries, "nothing written")
		})
	}
	t.Run("no course map", func(t *testing.T) {
		root := project(t)
		require.NoError(t, os.WriteFile(filepath.Join(root, "README.md"), []byte("# x\n"), 0o644))
		_, err := scaffold.Create(root, scaffold.Options{Name: "07-x", Title: "t", Summary: "s"})
		assert.ErrorContains(t, err, "Course map")
	})
}
