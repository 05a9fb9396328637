package course

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"concurrencylab/kernel-helpers/ipynb"
)

// Notebook is one entry of the course map.
type Notebook struct {
	File    string // file name, e.g. "00-overview.ipynb"
	Title   string // first Markdown heading, without the #
	Summary string // one line saying what the notebook shows
}

// Name is the file name without its extension, e.g. "00-overview".
func (n Notebook) Name() string { return strings.TrimSuffix(n.File, ".ipynb") }

// Map reads every *.ipynb in dir and returns them in reading order. A
// notebook without a title or a summary is an error: the map would have a
// hole in it.
func Map(dir string) ([]Notebook, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.ipynb"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("course: no notebooks in %s", filepath.Base(dir))
	}
	sort.Strings(paths)
	var nbs []Notebook
	var errs []error
	for _, p := range paths {
		nb, err := Read(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		nbs = append(nbs, nb)
	}
	return nbs, errors.Join(errs...)
}

// Read returns the course map entry of one notebook file.
func Read(path string) (Notebook, error) {
	nb, err := ipynb.Read(path)
	if err != nil {
		return Notebook{}, fmt.Errorf("course: %w", err)
	}
	return Entry(filepath.Base(path), nb)
}

// Entry returns the course map entry of the notebook nb, read from the
// file named file.
func Entry(file string, nb *ipynb.Notebook) (Notebook, error) {
	if nb == nil {
		return Notebook{}, fmt.Errorf("course: %s: no notebook (nil)", file)
	}
	entry := Notebook{File: file, Summary: strings.TrimSpace(nb.Metadata.Course.Summary)}
	for _, c := range nb.Cells {
		if c.Type != "markdown" {
			continue
		}
		if t := heading(string(c.Source)); t != "" {
			entry.Title = t
			break
		}
	}
	switch {
	case entry.Title == "":
		return entry, fmt.Errorf("course: %s has no Markdown heading to title it", file)
	case entry.Summary == "":
		return entry, fmt.Errorf("course: %s has no summary in its metadata (concurrencylab.summary)", file)
	}
	return entry, nil
}

// heading returns the text of the first Markdown heading in md, or "".
func heading(md string) string {
	for _, l := range strings.Split(md, "\n") {
		if t, ok := strings.CutPrefix(strings.TrimSpace(l), "#"); ok {
			return strings.TrimSpace(strings.TrimLeft(t, "#"))
		}
	}
	return ""
}

// Markdown renders the course map as a Markdown list, one line per
// notebook; link(nb) gives each entry's link target ("" for none).
func Markdown(nbs []Notebook, link func(Notebook) string) string {
	var b strings.Builder
	for _, nb := range nbs {
		title := nb.Title
		if l := linkOf(link, nb); l != "" {
			title = fmt.Sprintf("[%s](%s)", nb.Title, l)
		}
		fmt.Fprintf(&b, "1. **%s** — %s\n", title, nb.Summary)
	}
	return b.String()
}

// linkOf is link(nb), or "" (no link, the title alone) when link is nil.
func linkOf(link func(Notebook) string, nb Notebook) string {
	if link == nil {
		return ""
	}
	return link(nb)
}
