package site

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strings"

	"concurrencylab/kernel-helpers/course"
)

// scriptTag matches a whole <script> element, attributes and body.
var scriptTag = regexp.MustCompile(`(?is)<script\b([^>]*)>(.*?)</script>`)

// externalRef matches an element whose src= or href= attribute points
// outside the page: an absolute URL or a file:// link. Fragments (#cell-1)
// and relative links to other pages of the site are fine. The first group
// is the element's name, the second the reference.
var externalRef = regexp.MustCompile(`(?i)<([a-z][a-z0-9]*)\b[^>]*?\b(?:src|href)\s*=\s*["']((?:https?:|file:|//)[^"']*)["']`)

// notebookLink matches a relative link to a course notebook, such as
// href="02-threads.ipynb#The-race-detector", up to the extension.
var notebookLink = regexp.MustCompile(`(\bhref="\d\d-[A-Za-z0-9_-]+)\.ipynb`)

// Page makes one nbconvert HTML page self-contained and links it into the
// course: it removes scripts the course does not use (MathJax, RequireJS and
// their configuration), points links to other notebooks (x.ipynb) at their
// pages (x.html), and puts a navigation bar with the previous and
// next notebooks and the index at the top and the bottom of the body.
// prev and next may be nil at the ends of the course.
func Page(page []byte, prev, next *course.Notebook) ([]byte, error) {
	out := scriptTag.ReplaceAllFunc(page, func(tag []byte) []byte {
		m := scriptTag.FindSubmatch(tag)
		attrs, body := strings.ToLower(string(m[1])), strings.ToLower(string(m[2]))
		if strings.Contains(attrs, "src=") || strings.Contains(attrs, "mathjax") || strings.Contains(body, "mathjax") || strings.Contains(body, "require") {
			return nil
		}
		return tag
	})
	// Links between notebooks (the cheat sheet's "measured in" column)
	// name the .ipynb files, which Jupyter opens; on the site they are pages.
	out = notebookLink.ReplaceAll(out, []byte(`${1}.html`))
	i := bytes.Index(bytes.ToLower(out), []byte("<body"))
	if i < 0 {
		return nil, fmt.Errorf("site: page has no <body>")
	}
	j := bytes.IndexByte(out[i:], '>')
	if j < 0 {
		return nil, fmt.Errorf("site: page has a broken <body> tag")
	}
	end := bytes.LastIndex(bytes.ToLower(out), []byte("</body>"))
	if end < 0 {
		return nil, fmt.Errorf("site: page has no </body>")
	}
	bar := []byte(navBar(prev, next))
	var b bytes.Buffer
	b.Write(out[:i+j+1])
	b.Write(bar)
	b.Write(out[i+j+1 : end])
	b.Write(bar)
	b.Write(out[end:])
	return b.Bytes(), nil
}

// navStyle is inline so pages need no stylesheet of the site's own.
const navStyle = `display:flex;justify-content:space-between;gap:1em;max-width:1100px;margin:0.8em auto;padding:0.5em 1em;` +
	`font-family:sans-serif;font-size:14px;background:#f4f6f8;border:1px solid #dde3e8;border-radius:4px`

func navBar(prev, next *course.Notebook) string {
	link := func(nb *course.Notebook, arrowLeft bool) string {
		if nb == nil {
			return "<span></span>"
		}
		t := html.EscapeString(nb.Title)
		if arrowLeft {
			t = "← " + t
		} else {
			t += " →"
		}
		return fmt.Sprintf(`<a href="%s.html">%s</a>`, html.EscapeString(nb.Name()), t)
	}
	return fmt.Sprintf(`<nav class="course-nav" style="%s">%s<a href="index.html">Course index</a>%s</nav>`,
		navStyle, link(prev, true), link(next, false))
}

// External lists the references of a page to anything outside the site
// that a browser would load with it: absolute URLs and file:// links in the
// src and href attributes of scripts, stylesheets, images and the like. A
// self-contained page has none. A hyperlink (<a href>) is not loaded, so a
// page may link to the Python or Go documentation.
func External(page []byte) []string {
	var refs []string
	for _, m := range externalRef.FindAllSubmatch(page, -1) {
		if strings.EqualFold(string(m[1]), "a") {
			continue
		}
		refs = append(refs, string(m[2]))
	}
	return refs
}
