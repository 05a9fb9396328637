package course

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"

	"concurrencylab/kernel-helpers/display"
	"concurrencylab/kernel-helpers/ipynb"
)

// WordsPerMinute is the reading speed behind a notebook's reading time:
// technical prose with code, read to be understood, not skimmed.
const WordsPerMinute = 150

// About is what a notebook's metadata, under "concurrencylab", tells a
// learner before they start: the keys the site index reads too.
type About struct {
	Objectives     []string `json:"objectives"`      // what the learner can do after it: "measure …", "explain why …"
	Prerequisites  []string `json:"prerequisites"`   // notebook files to read first
	ReadingMinutes int      `json:"reading_minutes"` // ReadingMinutes of the Markdown's word count
	// RunSeconds is how long Run All took in full mode on the machine that
	// last ran it; 0 when no full run has been recorded.
	RunSeconds float64 `json:"run_seconds"`
	Words      int     `json:"-"` // words in the notebook's Markdown cells, counted when read
}

// ReadingMinutes is the time to read words words at WordsPerMinute,
// rounded up; 0 for no words.
func ReadingMinutes(words int) int {
	if words <= 0 {
		return 0
	}
	return (words + WordsPerMinute - 1) / WordsPerMinute
}

// ReadAbout reads a notebook's About and counts the words of its Markdown
// cells.
func ReadAbout(path string) (About, error) {
	nb, err := ipynb.Read(path)
	if err != nil {
		return About{}, fmt.Errorf("course: %w", err)
	}
	return AboutOf(nb), nil
}

// AboutOf returns the About of the notebook nb, with the words of its
// Markdown cells counted; the zero About for a nil nb.
func AboutOf(nb *ipynb.Notebook) About {
	if nb == nil {
		return About{}
	}
	m := nb.Metadata.Course
	a := About{Objectives: m.Objectives, Prerequisites: m.Prerequisites, ReadingMinutes: m.ReadingMinutes, RunSeconds: m.RunSeconds}
	for _, c := range nb.Cells {
		if c.Type == "markdown" {
			a.Words += len(strings.Fields(string(c.Source)))
		}
	}
	return a
}

// Check reports what a notebook's About lacks: 3 to 5 objectives, the
// prerequisites named as notebook files, and a reading time that matches
// its word count.
func (a About) Check() error {
	var errs []error
	if n := len(a.Objectives); n < 3 || n > 5 {
		errs = append(errs, fmt.Errorf("%d objectives, want 3 to 5", n))
	}
	for _, p := range a.Prerequisites {
		if !strings.HasSuffix(p, ".ipynb") {
			errs = append(errs, fmt.Errorf("prerequisite %q is not a notebook file", p))
		}
	}
	if want := ReadingMinutes(a.Words); a.ReadingMinutes != want {
		errs = append(errs, fmt.Errorf("reading_minutes is %d, but %d words take %d", a.ReadingMinutes, a.Words, want))
	}
	return errors.Join(errs...)
}

// Markdown is the header a notebook opens with: objectives,
// prerequisites (with their titles, from titles), and the time, reading
// computed from the word count and running as last recorded.
func (a About) Markdown(titles map[string]string) string {
	var b strings.Builder
	b.WriteString("**After this notebook you can:**\n\n")
	for _, o := range a.Objectives {
		fmt.Fprintf(&b, "* %s\n", o)
	}
	b.WriteString("\n**Before it:** ")
	if len(a.Prerequisites) == 0 {
		b.WriteString("nothing; start here.")
	} else {
		var ps []string
		for _, p := range a.Prerequisites {
			s := fmt.Sprintf("[%s](%s)", strings.TrimSuffix(p, ".ipynb"), p)
			if t := titles[p]; t != "" {
				s += " (" + t + ")"
			}
			ps = append(ps, s)
		}
		b.WriteString(strings.Join(ps, ", ") + ".")
	}
	fmt.Fprintf(&b, "\n\n**Time:** about %d min to read (%d words at %d a minute); %s", ReadingMinutes(a.Words), a.Words, WordsPerMinute, a.runTime())
	return b.String()
}

func (a About) runTime() string {
	switch s := a.RunSeconds; {
	case s <= 0 || math.IsNaN(s):
		return "the time Run All takes in full mode is not recorded yet."
	case s < 60:
		return fmt.Sprintf("Run All in full mode took %.0f s on the machine that last ran it.", s)
	default:
		return fmt.Sprintf("Run All in full mode took %.0f min on the machine that last ran it.", math.Round(s/60))
	}
}

// Header returns the header of the notebook file, a name such as
// "02-threads.ipynb": in a notebook it is found in GoNB's notebook folder
// ($GONB_DIR), elsewhere in the current folder. Prerequisites are shown
// with their titles.
func Header(file string) (string, error) {
	dir := os.Getenv("GONB_DIR")
	a, err := ReadAbout(filepath.Join(dir, file))
	if err != nil {
		return "", err
	}
	titles := map[string]string{}
	for _, p := range a.Prerequisites {
		if nb, err := Read(filepath.Join(dir, p)); err == nil {
			titles[p] = nb.Title
		}
	}
	return a.Markdown(titles), nil
}

// ShowHeader shows the header of the notebook file in the notebook, or
// the error that kept it from being read.
func ShowHeader(file string) {
	h, err := Header(file)
	if err != nil {
		h = "**Header:** " + err.Error()
	}
	display.Markdown(h)
}
