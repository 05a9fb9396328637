package claims

import (
	"encoding/gob"
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/janpfeifer/gonb/gonbui/protocol"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/history"
)

func TestEveryClaimIsWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range All() {
		t.Run(c.ID, func(t *testing.T) {
			assert.False(t, seen[c.ID], "duplicate ID")
			seen[c.ID] = true
			assert.Contains(t, Seeds, c.Seed)
			assert.True(t, strings.HasPrefix(c.ID, c.Seed[:3]+"-"), "ID starts with the seed's number")
			assert.LessOrEqual(t, len(strings.Fields(c.Quote)), 30, "quote at most ~25 words")
			assert.NotEmpty(t, c.Notebook)
			assert.NotEmpty(t, c.Experiment)
			require.NotNil(t, c.Judge)
			// No figures: the verdict is "not measured", never a guess.
			assert.Equal(t, Unmeasured, c.Check(nil).Outcome)
			assert.Equal(t, Unmeasured, c.Check(Figures{}).Outcome)
		})
	}
}

// TestQuotesAreTheTutorials checks each quote against the tutorial's text
// when the seeds are beside the project (../shared/seeds in the authors'
// workspace); without them it skips.
func TestQuotesAreTheTutorials(t *testing.T) {
	dir := os.Getenv("CONCURRENCYLAB_SEEDS")
	if dir == "" {
		dir = "../../../shared/seeds"
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skip("the tutorials are not here; set CONCURRENCYLAB_SEEDS to their folder")
	}
	norm := func(s string) string {
		s = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "…", "...").Replace(s)
		return strings.Join(strings.Fields(strings.ToLower(s)), " ")
	}
	for _, c := range All() {
		data, err := os.ReadFile(filepath.Join(dir, c.Seed))
		require.NoError(t, err)
		for _, part := range strings.Split(c.Quote, "…") {
			part = strings.Trim(part, " .,")
			if part == "" {
				continue
			}
			assert.True(t, strings.Contains(norm(string(data)), norm(part)), "claim %s quotes words its tutorial does not have: %q", c.ID, part)
		}
	}
}

func TestCheckNeverPanics(t *testing.T) {
	c := Claim{ID: "000-x", Judge: func(Figures) Verdict { panic("boom") }}
	v := c.Check(Figures{"a": 1})
	assert.Equal(t, Unmeasured, v.Outcome)
	assert.Contains(t, v.Text, "boom")
	assert.Equal(t, Unmeasured, Claim{ID: "000-y"}.Check(nil).Outcome)
	_, err := Check("no-such-claim", nil)
	assert.ErrorContains(t, err, "no claim")
}

func TestRecordAndLedger(t *testing.T) {
	t.Setenv(history.EnvPath, filepath.Join(t.TempDir(), "results.jsonl"))
	rec, err := Recorded()
	require.NoError(t, err)
	assert.Empty(t, rec)
	f := Figures{"cores": 2, "go.threads.s": 0.5, "go.processes.s": 0.5, "cpython.threads.s": 1.9, "cpython.processes.s": 1}
	require.NoError(t, Record("001-16-cpus", Figures{"cores": 1}))
	require.NoError(t, Record("001-16-cpus", f))
	assert.ErrorContains(t, Record("nope", f), "no claim")

	// A corrupt line and an over-long one are skipped.
	path, err := Path()
	require.NoError(t, err)
	fh, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = fh.WriteString("{not json\n" + strings.Repeat("x", maxLine+10) + "\n")
	require.NoError(t, err)
	require.NoError(t, fh.Close())

	rec, err = Recorded()
	require.NoError(t, err)
	assert.Equal(t, f, rec["001-16-cpus"], "the latest line wins")

	cs := ByNotebook("04-threads-vs-processes.ipynb")
	require.NotEmpty(t, cs)
	table, err := Table(cs, rec)
	require.NoError(t, err)
	assert.Contains(t, table, "depends on the number of cores")
	assert.Contains(t, Summary(cs, rec), "1 depend on a condition")
}

func TestMarkdown(t *testing.T) {
	c, err := Get("001-16-cpus")
	require.NoError(t, err)
	md := c.Markdown(Figures{"cores": 2, "go.threads.s": 0.5, "go.processes.s": 0.5, "cpython.threads.s": 2, "cpython.processes.s": 1})
	assert.Contains(t, md, "Tutorial 001 (`"+Seed001+"`)")
	assert.Contains(t, md, "**Verdict: depends on the number of cores**")
	assert.Contains(t, c.Plain(nil), "Verdict: not measured")
}

// TestBundleCrossesGoNB encodes the output data as GoNB's pipe does (gob,
// with the types GoNB registers): a value gob cannot send closes the pipe
// and the cell shows nothing, as map[string]any once did.
func TestBundleCrossesGoNB(t *testing.T) {
	s := Shown{Claim: "001-16-cpus", Figures: Figures{"cores": 2, "go.threads.s": 0.5}}
	b := bundle("md", "plain", s)
	require.NoError(t, gob.NewEncoder(io.Discard).Encode(&protocol.DisplayData{Data: b}))
	data, ok := b[MIMEType].(string)
	require.True(t, ok, "the figures travel as JSON text")
	got, err := ParseShown([]byte(data))
	require.NoError(t, err)
	assert.Equal(t, s, got)

	// As Jupyter saves it: a JSON string holding the JSON text.
	quoted, err := json.Marshal(data)
	require.NoError(t, err)
	got, err = ParseShown(quoted)
	require.NoError(t, err)
	assert.Equal(t, s, got)
}

func TestParseShownRejects(t *testing.T) {
	for _, in := range []string{`not json`, `{}`, `"{}"`, `{"figures": {"cores": 2}}`} {
		_, err := ParseShown([]byte(in))
		assert.Error(t, err, in)
	}
}

func TestShownRender(t *testing.T) {
	f := Figures{"cores": 2, "go.threads.s": 0.5, "go.processes.s": 0.5, "cpython.threads.s": 1.9, "cpython.processes.s": 1}
	c, err := Get("001-16-cpus")
	require.NoError(t, err)
	md, plain, err := Shown{Claim: c.ID, Figures: f}.Render()
	require.NoError(t, err)
	assert.Equal(t, c.Markdown(f), md)
	assert.Equal(t, c.Plain(f), plain)

	_, _, err = Shown{Claim: "no-such-claim"}.Render()
	assert.ErrorContains(t, err, "no claim")

	md, plain, err = Shown{Ledger: true, Notebook: "04-threads-vs-processes", Recorded: map[string]Figures{c.ID: f}}.Render()
	require.NoError(t, err)
	assert.Contains(t, md, "depends on the number of cores")
	assert.Contains(t, plain, "depends on the number of cores")
	assert.NotContains(t, md, "001-16-cpus (04-threads-vs-processes)", "a measured claim is not listed as unmeasured")
}

func TestLedgerText(t *testing.T) {
	text, plain, err := LedgerText("", nil)
	require.NoError(t, err)
	assert.Contains(t, text, "| claim |")
	assert.Contains(t, plain, "claim | tutorial's figure")
	assert.NotContains(t, plain, "&amp;", "plain text is not escaped for Markdown")
	assert.Contains(t, text, "\n\n", "a blank line ends the table before the counts")
	assert.Contains(t, text, "0 agree")
	assert.Contains(t, text, "Not measured: ")
	assert.Contains(t, text, "001-16-cpus (04-threads-vs-processes)")

	text, _, err = LedgerText("99-nothing", nil)
	require.NoError(t, err)
	assert.Contains(t, text, "No claim of the tutorials is filed under notebook 99-nothing")
}

func TestNonFiniteFiguresAreDropped(t *testing.T) {
	t.Setenv(history.EnvPath, filepath.Join(t.TempDir(), "results.jsonl"))
	f := Figures{"cores": 2, "go.threads.s": math.NaN(), "go.processes.s": math.Inf(1)}
	require.NoError(t, Record("001-16-cpus", f), "JSON cannot hold NaN: Record drops it")
	rec, err := Recorded()
	require.NoError(t, err)
	assert.Equal(t, Figures{"cores": 2}, rec["001-16-cpus"])
	assert.Nil(t, Figures(nil).finite())
}

func TestReadFileBesideHistory(t *testing.T) {
	hist := filepath.Join(t.TempDir(), "results.jsonl")
	t.Setenv(history.EnvPath, hist)
	path, err := Path()
	require.NoError(t, err)
	assert.Equal(t, PathBeside(hist), path)
	require.NoError(t, Record("001-16-cpus", Figures{"cores": 2}))
	rec, err := ReadFile(PathBeside(hist))
	require.NoError(t, err)
	assert.Equal(t, Figures{"cores": 2}, rec["001-16-cpus"])
}
