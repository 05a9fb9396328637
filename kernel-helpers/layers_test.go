package kernelhelpers_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const root = "concurrencylab/kernel-helpers/"

// floor names where a package lives: "library", "tooling", or the lesson
// folder ("lessons/03-gil"); "" for packages outside kernel-helpers.
func floor(path string) string {
	rest, ok := strings.CutPrefix(path, root)
	if !ok {
		return ""
	}
	switch {
	case strings.HasPrefix(rest, "tooling/"):
		return "tooling"
	case rest == "lessons":
		return "lessons" // the folder of folders: only its tests, which call every lesson
	case strings.HasPrefix(rest, "lessons/"):
		parts := strings.SplitN(rest, "/", 3)
		if len(parts) < 3 {
			return "lessons" // the folder of folders holds no package
		}
		return parts[0] + "/" + parts[1]
	}
	return "library"
}

// violations lists the imports that break the three floors' rule, for a
// map from each package to the packages it imports.
func violations(imports map[string][]string) []string {
	var bad []string
	for pkg, deps := range imports {
		from := floor(pkg)
		for _, dep := range deps {
			to := floor(dep)
			switch {
			case to == "" || to == "library" || from == to:
			case from == "lessons" && strings.HasPrefix(to, "lessons/"):
				// the lessons folder's own tests (the bad-input table) call every lesson
			case to == "tooling" && from != "tooling" && from != "":
				bad = append(bad, fmt.Sprintf("%s (%s) imports the tooling package %s", pkg, from, dep))
			case strings.HasPrefix(to, "lessons/") && from != "tooling" && from != "":
				bad = append(bad, fmt.Sprintf("%s (%s) imports %s of %s", pkg, from, dep, to))
			}
		}
	}
	sort.Strings(bad)
	return bad
}

func TestViolations(t *testing.T) {
	lesson1 := root + "lessons/01-processes/child"
	lesson2 := root + "lessons/02-threads/datarace"
	other1 := root + "lessons/01-processes/escape"
	lib := root + "bench"
	tool := root + "tooling/site"
	for _, tc := range []struct {
		name    string
		imports map[string][]string
		want    int
	}{
		{"lesson uses library and its own folder", map[string][]string{lesson1: {lib, other1, "fmt"}}, 0},
		{"tooling uses anything", map[string][]string{tool: {lib, lesson1}}, 0},
		{"lesson imports another lesson", map[string][]string{lesson1: {lesson2}}, 1},
		{"library imports a lesson", map[string][]string{lib: {lesson1}}, 1},
		{"library imports tooling", map[string][]string{lib: {tool}}, 1},
		{"lesson imports tooling", map[string][]string{lesson2: {tool}}, 1},
		{"the lessons folder's tests call lessons", map[string][]string{root + "lessons": {lesson1, lesson2}}, 0},
		{"notebook tests may use tooling", map[string][]string{"concurrencylab/notebooks": {tool}}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Len(t, violations(tc.imports), tc.want)
		})
	}
}

// TestLayers checks the real tree, test imports included.
func TestLayers(t *testing.T) {
	out, err := exec.Command("go", "list", "-test", "-deps=false", "-json=ImportPath,Imports,TestImports,XTestImports", "concurrencylab/...").Output()
	require.NoError(t, err, "go list")
	imports := map[string][]string{}
	floors := map[string]bool{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p struct {
			ImportPath                         string
			Imports, TestImports, XTestImports []string
		}
		require.NoError(t, dec.Decode(&p))
		path, _, _ := strings.Cut(p.ImportPath, " ") // "x [x.test]" variants
		path = strings.TrimSuffix(path, "_test")
		path = strings.TrimSuffix(path, ".test")
		floors[floor(path)] = true
		imports[path] = append(imports[path], append(append(p.Imports, p.TestImports...), p.XTestImports...)...)
	}
	for _, f := range []string{"library", "tooling", "lessons/01-processes", "lessons/05-async-alternatives"} {
		assert.True(t, floors[f], "no package found on the floor %q", f)
	}
	assert.Empty(t, violations(imports))
}

// TestTheMapNamesEveryPackage checks that doc.go, the map, names every
// package of the tree, so that it never goes stale.
func TestTheMapNamesEveryPackage(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	text := strings.Join(strings.Fields(strings.ReplaceAll(string(doc), "//", "")), " ")
	out, err := exec.Command("go", "list", "concurrencylab/kernel-helpers/...").Output()
	require.NoError(t, err)
	for _, path := range strings.Fields(string(out)) {
		rest, _ := strings.CutPrefix(path, root)
		if rest == "" || strings.HasPrefix(rest, "internal/") || strings.HasPrefix(rest, "concurrencylab/") {
			continue
		}
		name := rest[strings.LastIndex(rest, "/")+1:]
		if strings.HasPrefix(rest, "tooling/") {
			name = rest // tooling/site/mksite is named by its path
			if strings.Count(rest, "/") > 1 {
				continue // commands inside a tooling package
			}
		}
		assert.True(t, strings.Contains(text, name), "doc.go does not name %s", rest)
	}
}
