package source

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// Go returns the source of the top-level function or method name (a method
// as "Type.Method"), with its doc comment, from the .go files of fsys. The
// error lists the names there are when name is not one of them.
func Go(fsys fs.FS, name string) (string, error) {
	if fsys == nil {
		return "", fmt.Errorf("source: no files to look in for %q", name)
	}
	files, err := fs.Glob(fsys, "*.go")
	if err != nil {
		return "", fmt.Errorf("source: %w", err)
	}
	var names []string
	for _, file := range files {
		src, err := fs.ReadFile(fsys, file)
		if err != nil {
			return "", fmt.Errorf("source: %w", err)
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, file, src, parser.ParseComments)
		if err != nil {
			return "", fmt.Errorf("source: %s: %w", file, err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			full := fn.Name.Name
			if fn.Recv != nil && len(fn.Recv.List) == 1 {
				full = recvName(fn.Recv.List[0].Type) + "." + full
			}
			names = append(names, full)
			if full != name {
				continue
			}
			start := fn.Pos()
			if fn.Doc != nil {
				start = fn.Doc.Pos()
			}
			return string(src[fset.Position(start).Offset:fset.Position(fn.End()).Offset]), nil
		}
	}
	slices.Sort(names)
	return "", fmt.Errorf("source: no function %q; there are: %s", name, strings.Join(names, ", "))
}

func recvName(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return recvName(t.X)
	case *ast.IndexExpr:
		return recvName(t.X)
	case *ast.IndexListExpr:
		return recvName(t.X)
	case *ast.Ident:
		return t.Name
	}
	return "?"
}

// Python returns the top-level def (or class) name from a Python source,
// with the comment lines and decorators just above it, up to the next line
// that is not indented.
func Python(src, name string) (string, error) {
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(src))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	var defs []string
	for i, l := range lines {
		var def string
		for _, kw := range []string{"def ", "async def ", "class "} {
			if rest, ok := strings.CutPrefix(l, kw); ok {
				def = strings.TrimSpace(strings.FieldsFunc(rest, func(r rune) bool { return r == '(' || r == ':' })[0])
			}
		}
		if def == "" {
			continue
		}
		defs = append(defs, def)
		if def != name {
			continue
		}
		start := i
		for start > 0 && (strings.HasPrefix(lines[start-1], "#") || strings.HasPrefix(lines[start-1], "@")) {
			start--
		}
		end := i + 1
		for end < len(lines) && (lines[end] == "" || strings.HasPrefix(lines[end], " ") || strings.HasPrefix(lines[end], "\t")) {
			end++
		}
		for end > i+1 && strings.TrimSpace(lines[end-1]) == "" {
			end--
		}
		return strings.Join(lines[start:end], "\n"), nil
	}
	return "", fmt.Errorf("source: no def %q; there are: %s", name, strings.Join(defs, ", "))
}

// Markdown is code as a fenced Markdown block in the language lang ("go",
// "python"), with a fence longer than any run of backquotes in the code.
func Markdown(lang, code string) string {
	fence := "```"
	for strings.Contains(code, fence) {
		fence += "`"
	}
	return fence + lang + "\n" + strings.TrimRight(code, "\n") + "\n" + fence
}

// Show displays code in the cell's output as a highlighted Markdown block,
// with the code itself as the plain-text rendition. Outside a notebook it
// does nothing.
func Show(lang, code string) {
	if !gonbui.IsNotebook {
		return
	}
	gonbui.SendData(&protocol.DisplayData{Data: map[protocol.MIMEType]any{
		protocol.MIMETextMarkdown: Markdown(lang, code),
		protocol.MIMETextPlain:    code,
	}})
	gonbui.Sync()
}

// ShowErr is [Show] for the (code, error) pair a Source function returns,
// so a cell stays one line; an error goes to standard error instead.
func ShowErr(lang string, code string, err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	Show(lang, code)
}
