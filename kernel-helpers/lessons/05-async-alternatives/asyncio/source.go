package asyncio

import (
	"embed"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
)

// The files that hold the patterns, embedded so that [Source] shows the code
// that runs, not a copy that may drift from it.
//
//go:embed gather.go first.go
var patterns embed.FS

// Source returns the Go source of the pattern function called name (Gather,
// GatherLimit, GatherSemaphore, First or WaitFor), doc comment included, as
// a Markdown code block ready for display.Markdown.
func Source(name string) (string, error) {
	entries, err := patterns.ReadDir(".")
	if err != nil {
		return "", fmt.Errorf("asyncio: %w", err)
	}
	var names []string
	for _, e := range entries {
		src, err := patterns.ReadFile(e.Name())
		if err != nil {
			return "", fmt.Errorf("asyncio: %w", err)
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, e.Name(), src, parser.ParseComments)
		if err != nil {
			return "", fmt.Errorf("asyncio: %w", err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !fn.Name.IsExported() {
				continue
			}
			names = append(names, fn.Name.Name)
			if fn.Name.Name != name {
				continue
			}
			start := fn.Pos()
			if fn.Doc != nil {
				start = fn.Doc.Pos()
			}
			code := string(src[fset.Position(start).Offset:fset.Position(fn.End()).Offset])
			return "```go\n" + code + "\n```", nil
		}
	}
	slices.Sort(names)
	return "", fmt.Errorf("asyncio: no pattern %q; there are %s", name, strings.Join(names, ", "))
}
