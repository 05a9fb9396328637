package apiscan_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/internal/apiscan"
)

const src = `package demo

import (
	"context"
	"time"
)

type Options struct {
	Name string
	Reps int
}

type Labels struct{ A, B string }

type Pool struct{ n int }

func (p *Pool) Size() int                      { return p.n }
func (p *Pool) Resize(n int) error             { return nil }
func (p *Pool) hidden(n int)                   {}
func (p Pool) Call(ctx context.Context) error  { return nil }

type Doer interface{ Do(n int) }

type hiddenType struct{}

func (hiddenType) Exported(n int) {}

func Format(l Labels, verbose bool) string      { return "" }
func Wait(d time.Duration)                      {}
func Run(o Options, f func() error) error       { return nil }
func Each[T any](xs []T)                        {}
func Ratio(x float64) float64                   { return x }
func Open(path string) (*Pool, error)           { return nil, nil }
func Table(m map[string]int, c chan int)        {}
func unexported(n int)                          {}
`

func typeCheck(t *testing.T) *types.Package {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "demo.go", src, 0)
	require.NoError(t, err)
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	pkg, err := conf.Check("example.com/demo", fset, []*ast.File{f}, nil)
	require.NoError(t, err)
	return pkg
}

func TestOf(t *testing.T) {
	got := map[string][]string{}
	for _, f := range apiscan.Of(typeCheck(t)) {
		assert.Equal(t, "demo", f.Pkg)
		assert.Equal(t, "example.com/demo", f.Path)
		got[f.String()] = f.Kinds
	}
	want := map[string][]string{
		"demo.Pool.Size":   nil,
		"demo.Pool.Resize": {"int"},
		"demo.Pool.Call":   {"context"},
		"demo.Format":      nil,
		"demo.Wait":        {"duration"},
		"demo.Run":         {"struct{Reps int}", "func"},
		"demo.Each":        {"slice"},
		"demo.Ratio":       {"float"},
		"demo.Open":        nil,
		"demo.Table":       {"map", "chan"},
	}
	assert.Equal(t, want, got)
}

func TestRisky(t *testing.T) {
	assert.True(t, apiscan.Func{Kinds: []string{"int"}}.Risky())
	assert.False(t, apiscan.Func{}.Risky())
}

// TestLoad reads this very package through go list and the compiler's
// export data, as the bad-input tests do for the course.
func TestLoad(t *testing.T) {
	fs, err := apiscan.Load(".", ".")
	require.NoError(t, err)
	names := map[string][]string{}
	for _, f := range fs {
		names[f.String()] = f.Kinds
	}
	assert.Equal(t, []string{"slice"}, names["apiscan.Load"], "Load(dir string, patterns ...string)")
	assert.Equal(t, []string{"pointer"}, names["apiscan.Of"])
	assert.Contains(t, names, "apiscan.Func.String")

	_, err = apiscan.Load(".", "./no/such/package")
	assert.Error(t, err)
}

func TestUncovered(t *testing.T) {
	api := []apiscan.Func{
		{Pkg: "bench", Name: "Run", Kinds: []string{"context"}},
		{Pkg: "bench", Name: "RunAll", Kinds: []string{"int"}},
		{Pkg: "bench", Name: "Ms", Kinds: []string{"duration"}},
		{Pkg: "bench", Name: "Name"}, // strings only: needs no probe
		{Pkg: "gil", Name: "GIL.Run", Kinds: []string{"slice"}},
	}
	probes := []string{"bench.Run nil ctx", "gil.GIL.Run nil receiver", "bench.Name"}
	exempt := map[string]string{"bench.Ms": "pure formatter", "bench.Gone": "renamed"}
	missing, stale := apiscan.Uncovered(api, probes, exempt)
	assert.Equal(t, []string{"bench.RunAll (int)"}, missing, "a probe of bench.Run does not cover bench.RunAll")
	assert.Equal(t, []string{"bench.Gone"}, stale)
}
