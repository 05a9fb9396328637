package claims

import (
	"fmt"
	"os"
	"strings"

	"concurrencylab/kernel-helpers/display"
)

// Point is one key point of a notebook: a sentence, and the claim whose
// recorded figures back it on this machine.
type Point struct {
	Claim string // a claim's ID, measured above in the same notebook
	Text  string // the point, with no figure in it: the figure comes from the record
}

// KeyPoints shows a notebook's key points, each followed by what this
// machine measured for its claim, read from the recorded figures (as the
// ledger is), so that no figure in a key point is typed by hand.
func KeyPoints(points ...Point) {
	rec, err := Recorded()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	md, err := KeyPointsText(points, rec)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	display.Markdown(md)
}

// KeyPointsText renders key points from recorded figures: one bullet per
// point, its sentence, then this machine's figures for its claim and the
// verdict on the tutorial; a claim with no figures recorded says which
// cell to run.
func KeyPointsText(points []Point, recorded map[string]Figures) (string, error) {
	var b strings.Builder
	for _, p := range points {
		c, err := Get(p.Claim)
		if err != nil {
			return "", err
		}
		v := c.Check(c.FiguresIn(recorded))
		fmt.Fprintf(&b, "* %s ", strings.TrimSpace(p.Text))
		if v.Outcome == Unmeasured {
			fmt.Fprintf(&b, "*Here:* not measured yet; run the cell that shows claim `%s` above.\n", c.ID)
			continue
		}
		var figs []string
		if v.Go != "" {
			figs = append(figs, "Go "+v.Go)
		}
		if v.CPython != "" {
			figs = append(figs, "CPython "+v.CPython)
		}
		verdict := v.Outcome.String()
		if v.Outcome == DependsOn && v.Condition != "" {
			verdict += " " + v.Condition
		}
		fmt.Fprintf(&b, "*Here:* %s (%s's claim: %s).\n", strings.Join(figs, "; "), c.Tutorial(), verdict)
	}
	return b.String(), nil
}
