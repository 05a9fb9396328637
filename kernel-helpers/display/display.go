package display

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// Every function that shows something waits, with [gonbui.Sync], until GoNB
// has received it: GoNB stops reading a cell's display pipe when the cell's
// program exits, so on a busy machine output still in the pipe at exit would
// be lost without a word.

// Where the package writes, as variables so that its own tests can pretend
// to run in a notebook without one. gonbui's Display functions check
// [gonbui.IsNotebook] themselves, so under test they still send nothing.
var (
	inNotebook           = func() bool { return gonbui.IsNotebook }
	stderr     io.Writer = os.Stderr
)

// SVG shows an SVG picture, such as the bytes a builder of package plots
// returns, as an HTML <img> whose source is the picture itself (a
// data:image/svg+xml;base64 URL), with a text/plain rendition that says what
// the plot shows.
//
// Why an <img> and not the <svg> inline: a notebook nobody ran on this
// machine is untrusted, and JupyterLab and the classic Notebook then strip
// inline <svg> from HTML outputs (leaving the plot's labels as one run-on
// line of text), while an <img> with a data URL shows in both, in nbconvert's
// HTML and in static viewers that render HTML.
func SVG(svg []byte) {
	if !inNotebook() {
		return
	}
	sendData(map[protocol.MIMEType]any{
		protocol.MIMETextHTML:  ImageHTML(svg),
		protocol.MIMETextPlain: Alt(svg),
	})
}

// ImageHTML returns the <img> element [SVG] shows: the picture as a
// base64 data URL, its [Alt] text, and a width that fits the page.
func ImageHTML(svg []byte) string {
	svg = inlineSVG(svg)
	return fmt.Sprintf(`<img src="data:image/svg+xml;base64,%s" alt="%s" style="max-width:100%%">`,
		base64.StdEncoding.EncodeToString(svg), html.EscapeString(Alt(svg)))
}

// textElem matches the text of an SVG <text> element, as gonum's vgsvg
// writes the title, axis labels, tick labels and legend.
var textElem = regexp.MustCompile(`<text[^>]*>([^<]+)</text>`)

// maxAltLabels bounds how many of a plot's labels its alt text lists.
const maxAltLabels = 12

// Alt is the alternative text of a plot: "Plot: " and its first label (the
// title, which plots draw first), then its other distinct labels (axes,
// legend, ticks), at most twelve, for a reader who cannot see the picture.
func Alt(svg []byte) string {
	var labels []string
	seen := map[string]bool{}
	for _, m := range textElem.FindAllSubmatch(svg, -1) {
		l := strings.TrimSpace(html.UnescapeString(string(m[1])))
		if l == "" || seen[l] {
			continue
		}
		seen[l] = true
		labels = append(labels, l)
	}
	switch {
	case len(labels) == 0:
		return "Plot."
	case len(labels) == 1:
		return "Plot: " + labels[0] + "."
	}
	rest := labels[1:]
	if len(rest) > maxAltLabels {
		rest = append(rest[:maxAltLabels:maxAltLabels], "…")
	}
	return "Plot: " + labels[0] + ". Labels: " + strings.Join(rest, ", ") + "."
}

// sendData shows one output with several renditions and waits until GoNB
// has it.
func sendData(data map[protocol.MIMEType]any) {
	if !gonbui.IsNotebook {
		return
	}
	gonbui.SendData(&protocol.DisplayData{Data: data})
	gonbui.Sync()
}

// inlineSVG returns svg from its <svg element on, leaving out what comes
// before it (XML prolog, comments, doctype).
func inlineSVG(svg []byte) []byte {
	if i := bytes.Index(svg, []byte("<svg")); i > 0 {
		return svg[i:]
	}
	return svg
}

// HTML shows s as HTML.
func HTML(s string) {
	if !inNotebook() {
		return
	}
	gonbui.DisplayHTML(s)
	gonbui.Sync()
}

// Markdown shows s as Markdown; Jupyter renders $...$ as mathematics.
func Markdown(s string) {
	if !inNotebook() {
		return
	}
	// The text/plain twin: the classic Notebook hides a Markdown output
	// that has none when the notebook is untrusted.
	sendData(map[protocol.MIMEType]any{protocol.MIMETextMarkdown: s, protocol.MIMETextPlain: s})
}

// Plot shows the picture a builder of package plots returned or, when err is
// not nil, writes err to standard error, which the notebook shows in red
// under the cell. It takes both results so that a cell can pass a builder's
// call straight in:
//
//	display.Plot(plots.Timings("sum of square roots", results))
func Plot(svg []byte, err error) {
	if !inNotebook() {
		return
	}
	if err != nil {
		fmt.Fprintln(stderr, "display: no plot:", err)
		return
	}
	SVG(svg)
}

// Table shows a table with the given header row and rows of cells, built by
// [TableMarkdown]. When the table is malformed it writes the error to
// standard error instead.
func Table(header []string, rows [][]string) {
	if !inNotebook() {
		return
	}
	md, err := TableMarkdown(header, rows)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return
	}
	sendData(map[protocol.MIMEType]any{protocol.MIMETextMarkdown: md, protocol.MIMETextPlain: md})
}

// TableMarkdown returns a Markdown table (the GitHub flavour, which Jupyter
// renders) with the given header and rows.
//
// Cells are shown as plain text: characters that Markdown, HTML or Jupyter's
// mathematics would interpret (such as | * _ ` < & $ and the backslash) are
// escaped, and a line break inside a cell becomes <br>.
//
// It returns an error for an empty header, or a row whose number of cells
// differs from the header's.
func TableMarkdown(header []string, rows [][]string) (string, error) {
	if len(header) == 0 {
		return "", fmt.Errorf("display: a table needs a header with at least one column")
	}
	for i, row := range rows {
		if len(row) != len(header) {
			return "", fmt.Errorf("display: table row %d has %d cells, the header has %d", i, len(row), len(header))
		}
	}
	var b strings.Builder
	writeRow := func(cells []string) {
		b.WriteString("|")
		for _, c := range cells {
			b.WriteString(" ")
			b.WriteString(escapeCell(c))
			b.WriteString(" |")
		}
		b.WriteString("\n")
	}
	writeRow(header)
	b.WriteString("|")
	for range header {
		b.WriteString(" --- |")
	}
	b.WriteString("\n")
	for _, row := range rows {
		writeRow(row)
	}
	return b.String(), nil
}

// markdownEscaper makes a cell plain text. It backslash-escapes the ASCII
// punctuation that would change how a cell renders: CommonMark lets any ASCII
// punctuation be escaped that way, and Jupyter's Markdown renderers follow
// it, including \| for a pipe inside a table cell and \$ for a dollar that
// must not start mathematics. The HTML characters < > & become entities
// instead: nbconvert's HTML export shows "\<" with its backslash.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"$", `\$`, "~", `\~`, "#", `\#`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;",
	"\r\n", "<br>", "\n", "<br>", "\r", "<br>",
)

func escapeCell(s string) string { return markdownEscaper.Replace(s) }
