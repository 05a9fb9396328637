package claims

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"

	"concurrencylab/kernel-helpers/display"
)

// MIMEType is the output type under which a shown verdict carries its claim
// ID and figures, so that a test can re-render the verdict from them.
const MIMEType = "application/vnd.concurrencylab.claim+json"

// Markdown renders the claim and its verdict on f as a notebook shows it:
// the tutorial's words and figure, this machine's figures, the verdict.
func (c Claim) Markdown(f Figures) string {
	v := c.Check(f)
	var b strings.Builder
	fmt.Fprintf(&b, "**Claim %s** — %s (`%s`): “%s”", c.ID, capital(c.Tutorial()), c.Seed, c.Quote)
	if c.Theirs != "" {
		fmt.Fprintf(&b, " *Their figures:* %s.", strings.TrimSuffix(c.Theirs, "."))
	}
	b.WriteString("\n\n")
	fmt.Fprintf(&b, "**Verdict: %s**", verdictLabel(v))
	fmt.Fprintf(&b, " — %s", v.Text)
	return b.String()
}

// Plain is the text rendition of [Claim.Markdown], for front ends that
// show no Markdown.
func (c Claim) Plain(f Figures) string {
	v := c.Check(f)
	s := fmt.Sprintf("Claim %s, %s (%s): %q", c.ID, c.Tutorial(), c.Seed, c.Quote)
	if c.Theirs != "" {
		s += " Their figures: " + c.Theirs
	}
	return s + "\nVerdict: " + verdictLabel(v) + ". " + v.Text
}

func verdictLabel(v Verdict) string {
	if v.Outcome == DependsOn && v.Condition != "" {
		return "depends on " + v.Condition
	}
	return v.Outcome.String()
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Show judges the claim on f, records f for the notebook's ledger and shows
// the claim with its verdict in the cell's output (Markdown, plain text,
// and the figures under [MIMEType]). Outside a notebook it only records.
// Errors (an unknown ID, a file that cannot be written) go to standard
// error: the verdict is still shown.
func Show(id string, f Figures) {
	c, err := Get(id)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	if err := Record(id, f); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	send(c.Markdown(f), c.Plain(f), map[string]any{"id": id, "figures": f})
}

func send(md, plain string, data any) {
	if !gonbui.IsNotebook {
		return
	}
	gonbui.SendData(&protocol.DisplayData{Data: map[protocol.MIMEType]any{
		protocol.MIMETextMarkdown: md,
		protocol.MIMETextPlain:    plain,
		MIMEType:                  jsonText(data),
	}})
	gonbui.Sync()
}

// jsonText is data as JSON text. GoNB carries display data to its kernel
// with encoding/gob, which decodes only the types the kernel registered
// (strings, a few slices and maps): a map[string]any fails there
// ("gob: type not registered for interface") and the output is lost.
func jsonText(data any) string {
	b, err := json.Marshal(data)
	if err != nil {
		return fmt.Sprintf("%q", err.Error())
	}
	return string(b)
}

// Row is one line of the ledger table: claim, tutorial's figure, this
// machine in CPython, in Go, verdict.
func (c Claim) Row(f Figures) []string {
	v := c.Check(f)
	theirs := c.Theirs
	if theirs == "" {
		theirs = "—"
	}
	cpy, gof := v.CPython, v.Go
	if cpy == "" {
		cpy = "—"
	}
	if gof == "" {
		gof = "—"
	}
	return []string{
		fmt.Sprintf("%s (%s): “%s”", c.ID, c.Tutorial(), c.Quote),
		theirs, cpy, gof, verdictLabel(v),
	}
}

// Header is the ledger table's header.
var Header = []string{"claim", "tutorial's figure", "this machine: CPython", "this machine: Go", "verdict"}

// Table renders the claims as a Markdown table from the recorded figures;
// a claim with no figures is "not measured".
func Table(cs []Claim, recorded map[string]Figures) (string, error) {
	rows := make([][]string, 0, len(cs))
	for _, c := range cs {
		rows = append(rows, c.Row(recorded[c.ID]))
	}
	return display.TableMarkdown(Header, rows)
}

// Counts tallies the verdicts of the claims on the recorded figures.
func Counts(cs []Claim, recorded map[string]Figures) map[Outcome]int {
	n := map[Outcome]int{}
	for _, c := range cs {
		n[c.Check(recorded[c.ID]).Outcome]++
	}
	return n
}

// Summary is one sentence of verdict counts: "12 agree, 9 disagree, 8
// depend on this machine, 1 not measured (of 30)".
func Summary(cs []Claim, recorded map[string]Figures) string {
	n := Counts(cs, recorded)
	return fmt.Sprintf("%d agree, %d disagree, %d depend on a condition, %d not measured (of %d claims)",
		n[Agrees], n[Disagrees], n[DependsOn], n[Unmeasured], len(cs))
}

// Ledger shows the notebook's part of the ledger ("" for all of it) from
// the figures the cells above recorded, with a line of verdict counts.
func Ledger(notebook string) {
	cs := All()
	if notebook != "" {
		cs = ByNotebook(notebook)
	}
	rec, err := Recorded()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	table, err := Table(cs, rec)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	sum := Summary(cs, rec)
	figs := map[string]Figures{}
	for _, c := range cs {
		if f, ok := rec[c.ID]; ok {
			figs[c.ID] = f
		}
	}
	send(table+"\n"+sum+".", table+"\n"+sum+".", map[string]any{"ledger": notebook, "figures": figs})
}
