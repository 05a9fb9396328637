package nbcheck_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/tooling/nbcheck"
)

// notebook builds a notebook from code cells given as (source, outputs JSON).
func notebook(t *testing.T, plots int, cells ...[2]string) *nbcheck.Notebook {
	t.Helper()
	type cell struct {
		Type    string          `json:"cell_type"`
		Source  string          `json:"source"`
		Count   *int            `json:"execution_count"`
		Outputs json.RawMessage `json:"outputs"`
	}
	var cs []cell
	for i, c := range cells {
		n := i + 1
		cs = append(cs, cell{Type: "code", Source: c[0], Count: &n, Outputs: json.RawMessage(c[1])})
	}
	b, err := json.Marshal(map[string]any{
		"cells":    cs,
		"metadata": map[string]any{"concurrencylab": map[string]int{"plots": plots}},
	})
	require.NoError(t, err)
	nb, err := nbcheck.Parse(b)
	require.NoError(t, err)
	return nb
}

func TestCheck(t *testing.T) {
	svg := `[{"output_type":"display_data","data":{"text/html":["<div><svg width=\"1\"></svg></div>"]}}]`
	for _, tc := range []struct {
		name  string
		plots int
		cell  [2]string
		want  string // substring of the one problem expected, "" for none
	}{
		{"clean", 0, [2]string{"%%\nfmt.Println(1)", `[{"output_type":"stream","name":"stdout","text":"1\n"}]`}, ""},
		{"plot as promised", 1, [2]string{"%%\nplot()", svg}, ""},
		{"error output", 0, [2]string{"%%\nbad", `[{"output_type":"error","ename":"ERROR","evalue":"undefined: bad","traceback":[]}]`}, "undefined: bad"},
		{"panic", 0, [2]string{"%%\npanic(1)", `[{"output_type":"stream","name":"stderr","text":["panic: 1\n","\n","goroutine 1 [running]:\n","exit status 2\n"]}]`}, "panic: 1"},
		{"lost output", 0, [2]string{"%%\nclaims.Show(...)", `[{"output_type":"stream","name":"stderr","text":["E1129 failed to write to GoNB pipe \"the-pipe\", pipes closed: gob: type not registered for interface: map[string]interface {}\n"]}]`}, "GoNB pipe"},
		{"exit status", 0, [2]string{"%%\nos.Exit(3)", `[{"output_type":"stream","name":"stderr","text":"exit status 3\n"}]`}, "exit status 3"},
		{"stderr warning is fine", 0, [2]string{"%%\nlog.Print(1)", `[{"output_type":"stream","name":"stderr","text":"note: slow machine\n"}]`}, ""},
		{"missing plot", 2, [2]string{"%%\nplot()", svg}, "shows 1 plots, its metadata promises 2"},
		{"home path", 0, [2]string{"%%\nwd()", `[{"output_type":"stream","name":"stdout","text":"in /home/ann/course\n"}]`}, "/home/"},
		{"tmp path in html", 0, [2]string{"%%\nx()", `[{"output_type":"display_data","data":{"text/html":"<a href=\"/tmp/gonb_1/x\">x</a>"}}]`}, "/tmp/"},
		{"given path", 0, [2]string{"%%\nx()", `[{"output_type":"stream","name":"stdout","text":"at /opt/me/repo/notebooks\n"}]`}, "/opt/me/repo"},
		{"url is not a path", 0, [2]string{"%%\nx()", `[{"output_type":"stream","name":"stdout","text":"see https://example.org/home/x\n"}]`}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := nbcheck.Check(notebook(t, tc.plots, tc.cell), nbcheck.Options{Paths: []string{"/opt/me/repo"}})
			if tc.want == "" {
				assert.Empty(t, ps)
				return
			}
			require.Len(t, ps, 1, "problems: %v", ps)
			assert.Contains(t, ps[0].String(), tc.want)
		})
	}
}

func TestCheckNamesTheCell(t *testing.T) {
	nb := notebook(t, 0,
		[2]string{"%%\nfmt.Println(1)", `[]`},
		[2]string{"// second cell\n%%\npanic(2)", `[{"output_type":"stream","name":"stderr","text":"panic: 2\n"}]`})
	ps := nbcheck.Check(nb, nbcheck.Options{})
	require.Len(t, ps, 1)
	assert.Equal(t, 1, ps[0].Cell)
	assert.Equal(t, "// second cell", ps[0].Source)
}

func TestCheckCommitted(t *testing.T) {
	parse := func(s string) *nbcheck.Notebook {
		nb, err := nbcheck.Parse([]byte(s))
		require.NoError(t, err)
		return nb
	}
	t.Run("in order", func(t *testing.T) {
		nb := parse(`{"cells":[{"cell_type":"code","execution_count":1,"source":"a","outputs":[]},
			{"cell_type":"markdown","source":"text"},
			{"cell_type":"code","execution_count":2,"source":"b","outputs":[]}]}`)
		assert.Empty(t, nbcheck.CheckCommitted(nb))
	})
	t.Run("not executed", func(t *testing.T) {
		nb := parse(`{"cells":[{"cell_type":"code","execution_count":null,"source":"a","outputs":[]}]}`)
		ps := nbcheck.CheckCommitted(nb)
		require.Len(t, ps, 1)
		assert.Contains(t, ps[0].Message, "not executed")
	})
	t.Run("out of order", func(t *testing.T) {
		nb := parse(`{"cells":[{"cell_type":"code","execution_count":3,"source":"a","outputs":[]},
			{"cell_type":"code","execution_count":2,"source":"b","outputs":[]}]}`)
		ps := nbcheck.CheckCommitted(nb)
		require.Len(t, ps, 1)
		assert.Contains(t, ps[0].Message, "out of order")
	})
	t.Run("error output", func(t *testing.T) {
		nb := parse(`{"cells":[{"cell_type":"code","execution_count":1,"source":"a","outputs":[{"output_type":"error","ename":"E","evalue":"v"}]}]}`)
		ps := nbcheck.CheckCommitted(nb)
		require.Len(t, ps, 1)
		assert.True(t, strings.HasSuffix(ps[0].Message, "E: v"))
	})
}

func TestParseRejectsGarbage(t *testing.T) {
	_, err := nbcheck.Parse([]byte("not json"))
	assert.Error(t, err)
}

func TestPlotsCountsEveryKindOfPicture(t *testing.T) {
	nb := notebook(t, 4,
		[2]string{"a", `[{"output_type":"display_data","data":{"text/html":"<img src=\"data:image/svg+xml;base64,PHN2Zz4=\" alt=\"Plot.\">"}}]`},
		[2]string{"b", `[{"output_type":"display_data","data":{"text/html":"<div><svg></svg></div>"}}]`},
		[2]string{"c", `[{"output_type":"display_data","data":{"image/png":"iVBOR"}}]`},
		[2]string{"d", `[{"output_type":"display_data","data":{"text/html":"<img src=\"https://example.org/x.png\">"}},` +
			`{"output_type":"display_data","data":{"text/markdown":"no picture"}}]`},
	)
	assert.Equal(t, 3, nb.Plots(), "a linked image and Markdown are not plots")
}
