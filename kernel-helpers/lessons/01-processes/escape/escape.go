package escape

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"concurrencylab/kernel-helpers/snippet"
)

// Demo is the program the course analyses: one function whose local
// variable stays on the stack (sum's total) and one whose local variable
// must move to the heap (newCounter's n, whose address it returns).
//
//go:embed demo.go.txt
var Demo string

// Decision is what the compiler decided about one variable or value.
type Decision struct {
	// File is the source file's base name ("main.go"); Line and Col are
	// where the variable is declared or the value is made.
	File      string
	Line, Col int
	// Message is the compiler's words, e.g. "moved to heap: n",
	// "xs does not escape" or "[]int{...} does not escape".
	Message string
	// Why is the compiler's explanation of a move to the heap: the chain of
	// assignments through which the address flows out of the function,
	// e.g. "flow: ~r0 ← &n:", "from &n (address-of) at main.go:20:9",
	// "from return &n (return) at main.go:20:2". It is empty for values
	// that stay on the stack.
	Why []string
}

// Heap reports whether the decision puts something on the heap: "moved to
// heap: n" for a variable, "... escapes to heap" for a value. A "leaking
// param" is not on the heap by this decision: the parameter's value flows
// out of the function, and each caller's own analysis decides where it lives.
func (d Decision) Heap() bool {
	return strings.HasPrefix(d.Message, "moved to heap:") || strings.HasSuffix(d.Message, "escapes to heap")
}

// String returns the decision as the compiler prints it, "main.go:19:2: moved to heap: n".
func (d Decision) String() string {
	return fmt.Sprintf("%s:%d:%d: %s", d.File, d.Line, d.Col, d.Message)
}

// Analyze builds src, a complete main package, with go build -gcflags=-m=2
// and returns the compiler's escape decisions in source order. Messages
// about inlining, which -m also prints, are left out.
//
// It returns an error for a nil ctx, empty source or source that does not compile
// (with the compiler's messages), or when the go command is missing.
func Analyze(ctx context.Context, src string) ([]Decision, error) {
	if ctx == nil {
		return nil, errors.New("escape: Analyze needs a context, got nil")
	}
	p, err := snippet.New(src)
	if err != nil {
		return nil, fmt.Errorf("escape: %w", err)
	}
	defer p.Remove()
	out, err := p.Build(ctx, "-gcflags=-m=2")
	if err != nil {
		return nil, fmt.Errorf("escape: %w", err)
	}
	return Parse(out), nil
}

// message matches one line of compiler output: "main.go:17:2: text".
var message = regexp.MustCompile(`^([^\s:]+\.go):(\d+):(\d+): (.*)$`)

// Parse reads the output of go build -gcflags=-m (or -m=2) and returns the
// escape decisions in it, in source order. With -m=2 the compiler explains a
// move to the heap in indented lines before it; they become the decision's
// Why. Lines it does not understand are skipped.
func Parse(out string) []Decision {
	var ds []Decision
	why := map[string][]string{} // explanation lines by position "file:line:col"
	for line := range strings.Lines(out) {
		m := message.FindStringSubmatch(strings.TrimRight(line, "\r\n"))
		if m == nil {
			continue
		}
		pos, text := m[1]+":"+m[2]+":"+m[3], m[4]
		switch {
		case strings.HasPrefix(text, " "):
			why[pos] = append(why[pos], strings.TrimSpace(text))
		case strings.HasSuffix(text, ":"):
			// The heading of an explanation, "n escapes to heap in newCounter:";
			// the decision itself follows as its own line.
		case isEscapeMessage(text):
			l, _ := strconv.Atoi(m[2])
			c, _ := strconv.Atoi(m[3])
			ds = append(ds, Decision{File: m[1], Line: l, Col: c, Message: text})
		}
	}
	for i := range ds {
		ds[i].Why = why[fmt.Sprintf("%s:%d:%d", ds[i].File, ds[i].Line, ds[i].Col)]
	}
	slices.SortStableFunc(ds, func(a, b Decision) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	})
	return ds
}

func isEscapeMessage(text string) bool {
	return strings.HasPrefix(text, "moved to heap:") ||
		strings.HasSuffix(text, "escapes to heap") ||
		strings.HasSuffix(text, "does not escape") ||
		strings.HasPrefix(text, "leaking param")
}

// Moved returns the names of the variables the compiler moved to the heap,
// in source order: "n" for "moved to heap: n".
func Moved(ds []Decision) []string {
	var names []string
	for _, d := range ds {
		if name, ok := strings.CutPrefix(d.Message, "moved to heap: "); ok {
			names = append(names, name)
		}
	}
	return names
}

// Summary says in a sentence or two what went to the heap and why, and
// that everything else stays on the stack.
func Summary(ds []Decision) string {
	var heap []string
	for _, d := range ds {
		if !d.Heap() {
			continue
		}
		what := d.Message
		if name, ok := strings.CutPrefix(d.Message, "moved to heap: "); ok {
			what = "`" + name + "`"
		}
		item := fmt.Sprintf("%s (line %d)", what, d.Line)
		if st := steps(d.Why); d.TooLarge() {
			item += ", because it is too large for a stack frame"
		} else if len(st) > 0 {
			item += ", because its address leaves the function: " + strings.Join(st, " → ")
		}
		heap = append(heap, item)
	}
	rest := "Everything else lives in its function's stack frame and is gone, at no cost, when the function returns."
	if slices.ContainsFunc(ds, Decision.RunSized) {
		rest = "Everything else lives in its function's stack frame, except that a make of a size known only at run time " +
			"gets a small buffer there and takes the heap when it does not fit."
	}
	switch len(heap) {
	case 0:
		return "The compiler put nothing on the heap. " + rest
	case 1:
		return "The compiler put one thing on the heap: " + heap[0] + ". " + rest
	}
	return fmt.Sprintf("The compiler put %d things on the heap: %s. %s", len(heap), strings.Join(heap, "; "), rest)
}

// Markdown lays the decisions out as a Markdown table, one row per
// decision: the line number, that line of src, where the value goes (stack
// or heap) and the compiler's words, with the steps through which an
// address leaves its function for a move to the heap. Decisions about other files than [snippet.FileName] are listed with
// an empty source cell.
func Markdown(src string, ds []Decision) string {
	lines := strings.Split(src, "\n")
	var b strings.Builder
	b.WriteString("| line | code | goes to | the compiler says |\n|---:|---|---|---|\n")
	for _, d := range ds {
		code := ""
		if d.File == snippet.FileName && d.Line >= 1 && d.Line <= len(lines) {
			code = "`" + strings.ReplaceAll(strings.TrimSpace(lines[d.Line-1]), "`", "'") + "`"
		}
		where := "stack"
		switch {
		case d.Heap():
			where = "**heap**"
		case strings.HasPrefix(d.Message, "leaking param"):
			where = "the caller decides"
		case d.RunSized():
			where = "stack if it fits, else heap"
		}
		says := cell(d.Message)
		if steps := steps(d.Why); len(steps) > 0 {
			says += "<br>because: " + cell(strings.Join(steps, " → "))
		}
		fmt.Fprintf(&b, "| %d | %s | %s | %s |\n", d.Line, strings.ReplaceAll(code, "|", `\|`), where, says)
	}
	return b.String()
}

// steps keeps the "from" lines of an explanation, the expressions the
// address flows through, without their positions: "from &n (address-of) at
// main.go:20:9" becomes "&n (address-of)".
func steps(why []string) []string {
	var out []string
	for _, w := range why {
		step, ok := strings.CutPrefix(w, "from ")
		if !ok {
			continue
		}
		if i := strings.LastIndex(step, " at "); i >= 0 {
			step = step[:i]
		}
		out = append(out, step)
	}
	return out
}

// cell escapes the characters of compiler text that Markdown would
// interpret: the table's bars, and * _ and brackets in "[]int{...}" or "*c".
func cell(s string) string {
	r := strings.NewReplacer(`|`, `\|`, `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, "&lt;", `>`, "&gt;")
	return r.Replace(s)
}
