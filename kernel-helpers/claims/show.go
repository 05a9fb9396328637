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
// and the figures as JSON text under [MIMEType]). Outside a notebook it only
// records. Figures that are not finite numbers are dropped first (a judge
// treats them as missing anyway, and JSON cannot hold them). Errors (an
// unknown ID, a file that cannot be written) go to standard error: the
// verdict is still shown.
func Show(id string, f Figures) {
	c, err := Get(id)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	if !c.Facts {
		// A claim that rests on timings carries what else ran on the
		// machine while they were taken: on a shared machine it is not
		// judged (see machine.go).
		f = Measured(f)
	}
	f = f.finite()
	if err := Record(id, f); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	send(c.Markdown(f), c.Plain(f), Shown{Claim: id, Figures: f})
}

// send shows the renditions in the cell's output, with what they were
// rendered from as JSON text under [MIMEType].
//
// GoNB (v0.11) carries display data from the cell's program to the kernel
// with encoding/gob, which knows strings and a few slices and flat maps, not
// map[string]any: a nested value there closes GoNB's pipe and the cell shows
// nothing more. JSON text is a string, so it always gets through, and
// Jupyter saves a string under a JSON MIME type unchanged.
func send(md, plain string, s Shown) {
	if !gonbui.IsNotebook {
		return
	}
	gonbui.SendData(&protocol.DisplayData{Data: bundle(md, plain, s)})
	gonbui.Sync()
}

// bundle is the output's data: both renditions and s as JSON text.
func bundle(md, plain string, s Shown) map[protocol.MIMEType]any {
	b := map[protocol.MIMEType]any{
		protocol.MIMETextMarkdown: md,
		protocol.MIMETextPlain:    plain,
	}
	if data, err := json.Marshal(s); err == nil {
		b[MIMEType] = string(data)
	} else {
		fmt.Fprintln(os.Stderr, "claims:", err)
	}
	return b
}

// Shown is what a shown verdict or ledger carries in the notebook's output,
// as JSON under [MIMEType]: enough to render it again with today's code
// ([Shown.Render]) and compare with the committed text.
type Shown struct {
	// Claim is the ID of a shown verdict, and Figures what it was judged on.
	Claim   string  `json:"claim,omitempty"`
	Figures Figures `json:"figures,omitempty"`
	// Ledger marks a ledger table: Notebook is its notebook ("" for the
	// whole ledger) and Recorded the figures of each measured claim.
	Ledger   bool               `json:"ledger,omitempty"`
	Notebook string             `json:"notebook,omitempty"`
	Recorded map[string]Figures `json:"recorded,omitempty"`
}

// ParseShown reads the [MIMEType] data of an output: JSON text, or a JSON
// string holding it (as GoNB sends it and Jupyter saves it).
func ParseShown(data []byte) (Shown, error) {
	var text string
	if json.Unmarshal(data, &text) == nil {
		data = []byte(text)
	}
	var s Shown
	if err := json.Unmarshal(data, &s); err != nil {
		return Shown{}, fmt.Errorf("claims: output data is not a shown claim: %w", err)
	}
	if s.Claim == "" && !s.Ledger {
		return Shown{}, fmt.Errorf("claims: output data names neither a claim nor a ledger")
	}
	return s, nil
}

// Render returns the Markdown and plain text today's code shows for s.
func (s Shown) Render() (markdown, plain string, err error) {
	if s.Ledger {
		return LedgerText(s.Notebook, s.Recorded)
	}
	c, err := Get(s.Claim)
	if err != nil {
		return "", "", err
	}
	return c.Markdown(s.Figures), c.Plain(s.Figures), nil
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
		rows = append(rows, c.Row(c.FiguresIn(recorded)))
	}
	return display.TableMarkdown(Header, rows)
}

// Counts tallies the verdicts of the claims on the recorded figures.
func Counts(cs []Claim, recorded map[string]Figures) map[Outcome]int {
	n := map[Outcome]int{}
	for _, c := range cs {
		n[c.Check(c.FiguresIn(recorded)).Outcome]++
	}
	return n
}

// Summary is one sentence of verdict counts: "12 agree, 9 disagree, 8
// depend on this machine, 1 not measured (of 30)".
func Summary(cs []Claim, recorded map[string]Figures) string {
	n := Counts(cs, recorded)
	of := "claims"
	if len(cs) == 1 {
		of = "claim"
	}
	return fmt.Sprintf("%d agree, %d disagree, %d depend on a condition, %d not measured (of %d %s)",
		n[Agrees], n[Disagrees], n[DependsOn], n[Unmeasured], len(cs), of)
}

// Ledger shows the notebook's part of the ledger ("" for all of it) from
// the figures the cells above recorded, with a line of verdict counts and
// the claims not measured yet.
func Ledger(notebook string) {
	rec, err := Recorded()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	s := Shown{Ledger: true, Notebook: notebook, Recorded: map[string]Figures{}}
	for _, c := range ledgerClaims(notebook) {
		for _, id := range []string{c.ID, c.Uses} {
			if f, ok := rec[id]; ok && id != "" {
				s.Recorded[id] = f.finite()
			}
		}
	}
	md, plain, err := s.Render()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	send(md, plain, s)
}

func ledgerClaims(notebook string) []Claim {
	if notebook == "" {
		return All()
	}
	return ByNotebook(notebook)
}

// LedgerText renders the notebook's part of the ledger ("" for all of it)
// from the recorded figures, in Markdown and in plain text: the table, a
// line of verdict counts and, when some claims have no figures, which
// notebook measures each of them.
func LedgerText(notebook string, recorded map[string]Figures) (markdown, plain string, err error) {
	cs := ledgerClaims(notebook)
	if len(cs) == 0 {
		s := fmt.Sprintf("No claim of the tutorials is filed under notebook %s yet.", notebook)
		return s, s, nil
	}
	table, err := Table(cs, recorded)
	if err != nil {
		return "", "", err
	}
	var lines []string
	for _, c := range cs {
		lines = append(lines, strings.Join(c.Row(c.FiguresIn(recorded)), " | "))
	}
	tail := "\n" + Summary(cs, recorded) + "."
	var missing []string
	for _, c := range cs {
		if c.Check(c.FiguresIn(recorded)).Outcome == Unmeasured {
			missing = append(missing, fmt.Sprintf("%s (%s)", c.ID, c.Notebook))
		}
	}
	if len(missing) > 0 {
		tail += "\n\nNot measured: " + strings.Join(missing, ", ") +
			". Run the notebook named beside each (with python3 installed for the CPython side), then rerun this cell."
	}
	plain = strings.Join(Header, " | ") + "\n" + strings.Join(lines, "\n") + "\n" + tail
	return table + tail, plain, nil
}
