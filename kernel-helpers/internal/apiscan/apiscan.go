package apiscan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// Func is one exported function, or one exported method of an exported type.
type Func struct {
	Path string // import path of its package
	Pkg  string // package name: "bench"
	Name string // "Run", or "Type.Method" for a method
	// Kinds says which parameters a reader can get wrong, one word each
	// ("int", "float", "duration", "func", "pointer", "slice", "map",
	// "chan", "interface", "context", "struct{…}"); empty for a function
	// whose parameters are only strings and booleans, or that has none.
	Kinds []string
}

// String is the name a probe starts with: "bench.Run", "gil.GIL.Run".
func (f Func) String() string { return f.Pkg + "." + f.Name }

// Risky reports whether any parameter is of a kind a reader can get wrong.
func (f Func) Risky() bool { return len(f.Kinds) > 0 }

type listed struct {
	ImportPath, Name, Dir, Export string
	GoFiles                       []string
	DepOnly                       bool
	Error                         *struct{ Err string }
}

// Load lists the exported functions and methods of the packages that the
// `go list` patterns match, run in dir, sorted by name. Test files are not
// read.
func Load(dir string, patterns ...string) ([]Func, error) {
	args := append([]string{"list", "-export", "-deps", "-json=ImportPath,Name,Dir,Export,GoFiles,DepOnly"}, patterns...)
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("apiscan: go list: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	exports := map[string]string{}
	var targets []listed
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p listed
		if err := dec.Decode(&p); err != nil {
			return nil, fmt.Errorf("apiscan: go list output: %w", err)
		}
		exports[p.ImportPath] = p.Export
		if p.Error != nil && !p.DepOnly {
			return nil, fmt.Errorf("apiscan: %s: %s", p.ImportPath, p.Error.Err)
		}
		if !p.DepOnly {
			targets = append(targets, p)
		}
	}
	if len(targets) == 0 {
		return nil, fmt.Errorf("apiscan: %q matched no package", patterns)
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok || file == "" {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(file)
	})
	var all []Func
	for _, p := range targets {
		fs, err := scan(fset, imp, p)
		if err != nil {
			return nil, err
		}
		all = append(all, fs...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].String() < all[j].String() })
	return all, nil
}

func scan(fset *token.FileSet, imp types.Importer, p listed) ([]Func, error) {
	var files []*ast.File
	for _, name := range p.GoFiles {
		f, err := parser.ParseFile(fset, filepath.Join(p.Dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("apiscan: %s: %w", p.ImportPath, err)
		}
		files = append(files, f)
	}
	conf := types.Config{Importer: imp}
	pkg, err := conf.Check(p.ImportPath, fset, files, nil)
	if err != nil {
		return nil, fmt.Errorf("apiscan: type-checking %s: %w", p.ImportPath, err)
	}
	return Of(pkg), nil
}

// Of lists the exported functions of a type-checked package, and the
// methods declared on its exported named types (not those promoted from an
// embedded field, nor the methods of interface types, which have no body to
// call).
func Of(pkg *types.Package) []Func {
	var out []Func
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		switch obj := obj.(type) {
		case *types.Func:
			out = append(out, Func{Path: pkg.Path(), Pkg: pkg.Name(), Name: name, Kinds: kinds(obj.Type().(*types.Signature))})
		case *types.TypeName:
			named, ok := obj.Type().(*types.Named)
			if !ok || obj.IsAlias() {
				continue
			}
			if _, isIface := named.Underlying().(*types.Interface); isIface {
				continue
			}
			for m := range named.Methods() {
				if m.Exported() {
					out = append(out, Func{Path: pkg.Path(), Pkg: pkg.Name(), Name: name + "." + m.Name(), Kinds: kinds(m.Type().(*types.Signature))})
				}
			}
		}
	}
	return out
}

func kinds(sig *types.Signature) []string {
	var ks []string
	for v := range sig.Params().Variables() {
		if k := Kind(v.Type()); k != "" {
			ks = append(ks, k)
		}
	}
	return ks
}

// Kind names the kind of a parameter type a reader can get wrong, or ""
// for a string, a boolean, or a struct whose exported fields hold only
// those (such as time.Time).
func Kind(t types.Type) string { return kind(t, 0) }

func kind(t types.Type, depth int) string {
	if named, ok := types.Unalias(t).(*types.Named); ok {
		obj := named.Obj()
		if obj.Pkg() != nil {
			switch obj.Pkg().Path() + "." + obj.Name() {
			case "time.Duration":
				return "duration"
			case "context.Context":
				return "context"
			}
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsInteger != 0:
			return "int"
		case u.Info()&(types.IsFloat|types.IsComplex) != 0:
			return "float"
		}
	case *types.Signature:
		return "func"
	case *types.Pointer:
		return "pointer"
	case *types.Slice, *types.Array:
		return "slice"
	case *types.Map:
		return "map"
	case *types.Chan:
		return "chan"
	case *types.Interface:
		return "interface"
	case *types.Struct:
		if depth > 3 {
			return ""
		}
		var inner []string
		for f := range u.Fields() {
			if !f.Exported() {
				continue // a reader cannot set it; its zero value is the package's to handle
			}
			if k := kind(f.Type(), depth+1); k != "" {
				inner = append(inner, f.Name()+" "+k)
			}
		}
		if len(inner) > 0 {
			return "struct{" + strings.Join(inner, "; ") + "}"
		}
	case *types.TypeParam:
		return "interface"
	}
	return ""
}
