package browser

import (
	"fmt"
	"regexp"
	"strings"

	"concurrencylab/kernel-helpers/tooling/nbcheck"
)

// MinTextShown is the share of a Markdown output's words that must be
// visible for its text to count as shown. It is below 1 because rendering
// may drop a word of the source, as in mathematics.
const MinTextShown = 0.9

// words matches the words of a text: runs of letters and digits.
var words = regexp.MustCompile(`[\p{L}\p{N}]+`)

// notShown matches what Markdown renders without showing its text: a
// link's or image's target, an HTML tag, an HTML entity.
var notShown = regexp.MustCompile(`\]\([^)]*\)|<[^>]*>|&[#a-zA-Z0-9]+;`)

// Unreadable compares a notebook file with what a front end showed of it
// (see [Browser.View]) and lists what a reader misses: each plot of the
// file that did not render as a picture with a size (and the notebook's
// promised plot count, metadata concurrencylab.plots), and each Markdown
// output whose text is not visible. An empty list means the reader sees
// every plot and every Markdown output's text.
func Unreadable(nb *nbcheck.Notebook, cells []CellView) []string {
	byIndex := map[int]CellView{}
	for _, c := range cells {
		byIndex[c.Index] = c
	}
	var problems []string
	shown := 0
	for i, c := range nb.Cells {
		if c.Type != "code" {
			continue
		}
		v, ok := byIndex[i]
		if !ok {
			problems = append(problems, fmt.Sprintf("cell %d: not on the page", i))
			continue
		}
		shown += v.Images
		plots := (&nbcheck.Notebook{Cells: []nbcheck.Cell{c}}).Plots()
		if v.Images < plots {
			problems = append(problems, fmt.Sprintf("cell %d: %d plot(s) in the notebook, %d shown as a picture with a size", i, plots, v.Images))
		}
		if v.EmptyImages > 0 {
			problems = append(problems, fmt.Sprintf("cell %d: %d picture(s) drawn without a size or not loaded", i, v.EmptyImages))
		}
		visible := wordSet(v.Text)
		for j, o := range c.Outputs {
			md, ok := o.Data["text/markdown"]
			if !ok {
				continue
			}
			if share, missing := textShown(string(md), visible); share < MinTextShown {
				problems = append(problems, fmt.Sprintf("cell %d output %d: %.0f%% of the Markdown's words visible, missing e.g. %s",
					i, j, 100*share, strings.Join(missing, " ")))
			}
		}
	}
	if want := nb.Metadata.Course.Plots; shown < want {
		problems = append(problems, fmt.Sprintf("%d plot(s) promised (metadata concurrencylab.plots), %d shown", want, shown))
	}
	return problems
}

func wordSet(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range words.FindAllString(strings.ToLower(s), -1) {
		set[w] = true
	}
	return set
}

// textShown returns the share of the distinct words of md found in
// visible, and up to five of the missing ones.
func textShown(md string, visible map[string]bool) (float64, []string) {
	distinct := map[string]bool{}
	var missing []string
	found := 0
	for _, w := range words.FindAllString(strings.ToLower(notShown.ReplaceAllString(md, "]")), -1) {
		if distinct[w] {
			continue
		}
		distinct[w] = true
		if visible[w] {
			found++
		} else if len(missing) < 5 {
			missing = append(missing, w)
		}
	}
	if len(distinct) == 0 {
		return 1, nil
	}
	return float64(found) / float64(len(distinct)), missing
}
