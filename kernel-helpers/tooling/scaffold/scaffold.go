package scaffold

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"text/template"
)

// Options says what notebook to create. Name, Title and Summary are
// required; the zero value of the rest is usable.
type Options struct {
	// Name is the notebook's file name without ".ipynb": two digits, a
	// dash, then lower-case words joined by dashes, such as "07-pipelines".
	Name string
	// Title is the notebook's first heading, such as "Pipelines".
	Title string
	// Summary is one sentence for the course map.
	Summary string
	// Package names the first experiment package in the lesson folder; ""
	// derives it from Name ("07-pipelines" → "pipelines").
	Package string
}

var (
	nameRE = regexp.MustCompile(`^[0-9]{2}-[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	pkgRE  = regexp.MustCompile(`^[a-z][a-z0-9]*$`)
)

func (o *Options) check() error {
	var errs []error
	if !nameRE.MatchString(o.Name) {
		errs = append(errs, fmt.Errorf("name %q: want two digits, a dash and lower-case words joined by dashes, such as 07-pipelines", o.Name))
	}
	if strings.TrimSpace(o.Title) == "" || strings.ContainsAny(o.Title, "\n\r") {
		errs = append(errs, errors.New("title: one line of text, not empty"))
	}
	if strings.TrimSpace(o.Summary) == "" || strings.ContainsAny(o.Summary, "\n\r") {
		errs = append(errs, errors.New("summary: one sentence, not empty"))
	}
	if o.Package == "" && nameRE.MatchString(o.Name) {
		o.Package = strings.ReplaceAll(o.Name[3:], "-", "")
	}
	if !pkgRE.MatchString(o.Package) {
		errs = append(errs, fmt.Errorf("package %q: want a lower-case Go identifier", o.Package))
	}
	return errors.Join(errs...)
}

// Create writes the notebook, its lesson package and its course-map line
// into the project at root, and returns the files it created or changed,
// relative to root. It refuses to overwrite anything that exists.
func Create(root string, o Options) ([]string, error) {
	if err := o.check(); err != nil {
		return nil, fmt.Errorf("scaffold: %w", err)
	}
	nbPath := filepath.Join("notebooks", o.Name+".ipynb")
	pkgDir := filepath.Join("kernel-helpers", "lessons", o.Name, o.Package)
	files := map[string]string{
		nbPath:                                      "",
		filepath.Join(pkgDir, "doc.go"):             docGo,
		filepath.Join(pkgDir, o.Package+".go"):      pkgGo,
		filepath.Join(pkgDir, o.Package+"_test.go"): testGo,
	}
	for f := range files {
		if _, err := os.Stat(filepath.Join(root, f)); !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("scaffold: %s exists already; choose another name", f)
		}
	}
	readme := filepath.Join(root, "README.md")
	text, err := os.ReadFile(readme)
	if err != nil {
		return nil, fmt.Errorf("scaffold: the README's course map: %w", errors.Unwrap(err))
	}
	newReadme, err := addToMap(string(text), o)
	if err != nil {
		return nil, err
	}
	nb, err := notebook(o)
	if err != nil {
		return nil, err
	}
	files[nbPath] = string(nb)
	var created []string
	for _, f := range []string{filepath.Join(pkgDir, "doc.go"), filepath.Join(pkgDir, o.Package+".go"), filepath.Join(pkgDir, o.Package+"_test.go")} {
		var b bytes.Buffer
		tmpl, err := template.New(f).Parse(files[f])
		if err != nil {
			return nil, fmt.Errorf("scaffold: %s: %w", f, err)
		}
		if err := tmpl.Execute(&b, o); err != nil {
			return nil, fmt.Errorf("scaffold: %s: %w", f, err)
		}
		files[f] = b.String()
	}
	if err := os.MkdirAll(filepath.Join(root, pkgDir), 0o755); err != nil {
		return nil, fmt.Errorf("scaffold: %w", err)
	}
	for _, f := range []string{nbPath, filepath.Join(pkgDir, "doc.go"), filepath.Join(pkgDir, o.Package+".go"), filepath.Join(pkgDir, o.Package+"_test.go")} {
		if err := os.WriteFile(filepath.Join(root, f), []byte(files[f]), 0o644); err != nil {
			return created, fmt.Errorf("scaffold: %w", err)
		}
		created = append(created, f)
	}
	if err := os.WriteFile(readme, []byte(newReadme), 0o644); err != nil {
		return created, fmt.Errorf("scaffold: %w", err)
	}
	created = append(created, "README.md")
	// The map of kernel-helpers names every package (a test checks it).
	docPath := filepath.Join(root, "kernel-helpers", "doc.go")
	if doc, err := os.ReadFile(docPath); err == nil {
		const tooling = "// # The tooling"
		if i := strings.Index(string(doc), tooling); i >= 0 {
			line := fmt.Sprintf("// lessons/%s (%s) holds the experiments of %s.ipynb.\n//\n", o.Name, o.Package, o.Name)
			doc = append(doc[:i:i], append([]byte(line), doc[i:]...)...)
			if err := os.WriteFile(docPath, doc, 0o644); err != nil {
				return created, fmt.Errorf("scaffold: %w", err)
			}
			created = append(created, filepath.Join("kernel-helpers", "doc.go"))
		}
	}
	return created, nil
}

// addToMap appends the notebook's line to the numbered list under the
// README's "## Course map" heading.
func addToMap(readme string, o Options) (string, error) {
	lines := strings.Split(readme, "\n")
	start := -1
	for i, l := range lines {
		if strings.TrimSpace(l) == "## Course map" {
			start = i
			break
		}
	}
	if start < 0 {
		return "", errors.New("scaffold: the README has no \"## Course map\" section")
	}
	last, count := -1, 0
	item := regexp.MustCompile(`^[0-9]+\. `)
	for i := start + 1; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(l, "## ") {
			break
		}
		if item.MatchString(l) {
			last, count = i, count+1
			continue
		}
		if last >= 0 && strings.HasPrefix(l, "   ") {
			last = i // a continuation line of the last item
		}
	}
	if last < 0 {
		return "", errors.New("scaffold: the README's course map has no numbered list")
	}
	entry := fmt.Sprintf("%d. `notebooks/%s.ipynb`: %s", count+1, o.Name, o.Summary)
	out := append(append(append([]string{}, lines[:last+1]...), entry), lines[last+1:]...)
	return strings.Join(out, "\n"), nil
}

// cell is a notebook cell as nbformat 4.5 stores it.
type cell map[string]any

func code(id, src string) cell {
	return cell{"cell_type": "code", "id": id, "metadata": map[string]any{}, "source": lines(src),
		"outputs": []any{}, "execution_count": nil}
}

func markdown(id, src string) cell {
	return cell{"cell_type": "markdown", "id": id, "metadata": map[string]any{}, "source": lines(src)}
}

// lines splits src as Jupyter stores a source: lines that keep their "\n".
func lines(src string) []string {
	src = strings.TrimSpace(src)
	parts := strings.SplitAfter(src, "\n")
	return parts
}

// notebook builds the notebook's JSON.
func notebook(o Options) ([]byte, error) {
	var cells []cell
	for i, src := range cellSources {
		var b bytes.Buffer
		tmpl, err := template.New("cell").Parse(src)
		if err != nil {
			return nil, fmt.Errorf("scaffold: cell %d: %w", i, err)
		}
		if err := tmpl.Execute(&b, o); err != nil {
			return nil, fmt.Errorf("scaffold: cell %d: %w", i, err)
		}
		id := fmt.Sprintf("%s-%d", o.Package, i)
		if i%2 == 0 {
			cells = append(cells, markdown(id, b.String()))
		} else {
			cells = append(cells, code(id, b.String()))
		}
	}
	nb := map[string]any{
		"cells": cells,
		"metadata": map[string]any{
			"concurrencylab": map[string]any{"summary": o.Summary, "plots": 1},
			"kernelspec":     map[string]any{"display_name": "Go (gonb)", "language": "go", "name": "gonb"},
			"language_info":  map[string]any{"file_extension": ".go", "mimetype": "text/x-go", "name": "go"},
		},
		"nbformat":       4,
		"nbformat_minor": 5,
	}
	data, err := json.MarshalIndent(nb, "", " ")
	if err != nil {
		return nil, fmt.Errorf("scaffold: %w", err)
	}
	return append(data, '\n'), nil
}
