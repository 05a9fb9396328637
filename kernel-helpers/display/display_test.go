package display_test

import (
	"errors"
	"io"
	"os"
	"testing"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/display"
	"concurrencylab/kernel-helpers/internal/testmain"
)

// captureOutput starts a reader goroutine; goleak (in testmain.Main) checks
// that it ends with the test.
func TestMain(m *testing.M) { testmain.Main(m) }

func TestTableMarkdown(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		rows   [][]string
		want   string
	}{
		{"plain", []string{"strategy", "median"}, [][]string{{"sequential", "120 ms"}, {"goroutines", "45 ms"}},
			"| strategy | median |\n| --- | --- |\n| sequential | 120 ms |\n| goroutines | 45 ms |\n"},
		{"header only", []string{"empty"}, nil, "| empty |\n| --- |\n"},
		{"pipe escaped", []string{"a|b"}, [][]string{{"x | y"}}, "| a\\|b |\n| --- |\n| x \\| y |\n"},
		{"backslash before pipe", []string{"h"}, [][]string{{`a\|b`}}, "| h |\n| --- |\n| a\\\\\\|b |\n"},
		{"markup shown as text", []string{"h"}, [][]string{{"<b>*x*</b> & `y` $z$"}},
			"| h |\n| --- |\n| &lt;b&gt;\\*x\\*&lt;/b&gt; &amp; \\`y\\` \\$z\\$ |\n"},
		{"line break", []string{"h"}, [][]string{{"one\ntwo\r\nthree"}}, "| h |\n| --- |\n| one<br>two<br>three |\n"},
		{"empty cell", []string{"a", "b"}, [][]string{{"", "x"}}, "| a | b |\n| --- | --- |\n|  | x |\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := display.TableMarkdown(tt.header, tt.rows)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestTableMarkdown_errors(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		rows   [][]string
		msg    string
	}{
		{"no header", nil, [][]string{{"x"}}, "needs a header"},
		{"short row", []string{"a", "b"}, [][]string{{"1", "2"}, {"3"}}, "row 1 has 1 cells, the header has 2"},
		{"long row", []string{"a"}, [][]string{{"1", "2"}}, "row 0 has 2 cells, the header has 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := display.TableMarkdown(tt.header, tt.rows)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.msg)
		})
	}
}

// TestOutsideNotebook checks the package's promise: under go test nothing is
// shown and nothing is printed, on stdout or stderr, even for bad input.
func TestOutsideNotebook(t *testing.T) {
	if gonbui.IsNotebook {
		t.Skip("this test checks the behaviour outside GoNB")
	}
	out := captureOutput(t, func() {
		display.SVG([]byte(`<?xml version="1.0"?><svg></svg>`))
		display.SVG(nil)
		display.HTML("<b>hi</b>")
		display.Markdown("# title")
		display.Table([]string{"a"}, [][]string{{"1"}})
		display.Table(nil, [][]string{{"ragged", "row"}})
		display.Plot([]byte("<svg></svg>"), nil)
		display.Plot(nil, errors.New("no data"))
	})
	assert.Empty(t, out)
}

// captureOutput runs f with os.Stdout and os.Stderr sent to a pipe and
// returns what was written to them.
func captureOutput(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	require.NoError(t, err)
	oldOut, oldErr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = w, w
	done := make(chan []byte)
	go func() {
		b, _ := io.ReadAll(r) // ends when w is closed below
		done <- b
	}()
	func() {
		defer func() { os.Stdout, os.Stderr = oldOut, oldErr }()
		f()
	}()
	require.NoError(t, w.Close())
	out := <-done
	require.NoError(t, r.Close())
	return string(out)
}
