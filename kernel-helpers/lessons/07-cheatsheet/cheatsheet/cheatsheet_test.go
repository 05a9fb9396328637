package cheatsheet_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/lessons/07-cheatsheet/cheatsheet"
)

// The constructs issue 13 asks the cheat sheet to cover.
var (
	wantPython = []string{"threading.Thread", "threading.Lock", "threading.RLock", "threading.Event", "queue.Queue",
		"multiprocessing.Process", "multiprocessing.Pool", "multiprocessing.Value", "multiprocessing.Queue",
		"ThreadPoolExecutor", "ProcessPoolExecutor", "as_completed",
		"asyncio.create_task", "asyncio.gather", "asyncio.TaskGroup", "asyncio.wait_for", "asyncio.Semaphore"}
	wantGo = []string{"go f()", "sync.Mutex", "sync/atomic", "chan", "select", "context", "errgroup",
		"semaphore.Weighted", "os/exec", "worker.Pool", "futures."}
)

func TestCoverage(t *testing.T) {
	rows := cheatsheet.Rows()
	var python, goSide string
	for _, r := range rows {
		python += r.Python + "\n"
		goSide += r.Go + "\n"
		assert.Contains(t, cheatsheet.Groups, r.Group, r.Python)
		assert.NotEmpty(t, r.When, r.Python)
		assert.NotEmpty(t, r.Sections, r.Python)
	}
	for _, p := range wantPython {
		assert.Contains(t, python, p)
	}
	for _, g := range wantGo {
		assert.Contains(t, goSide, g)
	}
}

// TestSemantics pins the differences the sheet must not blur.
func TestSemantics(t *testing.T) {
	row := func(python string) cheatsheet.Row {
		i := slices.IndexFunc(cheatsheet.Rows(), func(r cheatsheet.Row) bool { return strings.HasPrefix(r.Python, python) })
		require.GreaterOrEqual(t, i, 0, python)
		return cheatsheet.Rows()[i]
	}
	assert.Equal(t, "no equivalent", row("threading.RLock").Go)
	assert.Contains(t, row("asyncio.gather").When, "cancels none of the other tasks")
	assert.NotContains(t, row("asyncio.gather").Go, "errgroup")
	assert.Contains(t, row("asyncio.TaskGroup").Go, "errgroup.WithContext")
	thread := row("threading.Thread").When
	assert.Contains(t, thread, "For behaviour a Python thread maps to a goroutine")
	assert.Contains(t, thread, "For cost it maps to an OS thread")
}

// TestSnippets shows every row's snippet from the source and runs it: each
// compiles (it is this package's code), is found by name, and returns
// without error or hang.
func TestSnippets(t *testing.T) {
	for _, r := range cheatsheet.Rows() {
		t.Run(r.Python, func(t *testing.T) {
			src, err := cheatsheet.Snippet(r)
			require.NoError(t, err)
			for _, name := range r.Snippets {
				decl := "func " + name + "("
				if _, method, ok := strings.Cut(name, "."); ok {
					decl = ") " + method + "(" // a method: func (a *account) Deposit(
				}
				assert.Contains(t, src, decl, "the snippet %s", name)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			require.NoError(t, cheatsheet.Run(ctx, r))
		})
	}
	_, err := cheatsheet.Snippet(cheatsheet.Row{Python: "x", Snippets: []string{"nope"}})
	assert.ErrorContains(t, err, "nope")
	_, err = cheatsheet.Snippet(cheatsheet.Row{Python: "x"})
	assert.ErrorContains(t, err, "no snippet")
}

// headings reads every Markdown heading of every notebook of the course.
func headings(t *testing.T) map[string][]string {
	paths, err := filepath.Glob("../../../../notebooks/*.ipynb")
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	out := map[string][]string{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		var nb struct {
			Cells []struct {
				Type   string          `json:"cell_type"`
				Source json.RawMessage `json:"source"`
			} `json:"cells"`
		}
		require.NoError(t, json.Unmarshal(b, &nb), p)
		for _, c := range nb.Cells {
			if c.Type != "markdown" {
				continue
			}
			var s string
			if json.Unmarshal(c.Source, &s) != nil {
				var lines []string
				require.NoError(t, json.Unmarshal(c.Source, &lines))
				s = strings.Join(lines, "")
			}
			for _, line := range strings.Split(s, "\n") {
				if h, ok := strings.CutPrefix(line, "#"); ok {
					out[filepath.Base(p)] = append(out[filepath.Base(p)], strings.TrimSpace(strings.TrimLeft(h, "#")))
				}
			}
		}
	}
	return out
}

func TestSectionsAreNotebookHeadings(t *testing.T) {
	hs := headings(t)
	for _, r := range cheatsheet.Rows() {
		for _, s := range r.Sections {
			assert.Contains(t, hs[s.Notebook], s.Heading, "%s names a section that is not a heading of %s", r.Python, s.Notebook)
		}
	}
}

func TestMarkdown(t *testing.T) {
	for _, g := range cheatsheet.Groups {
		md, err := cheatsheet.Markdown(cheatsheet.Rows(), g)
		require.NoError(t, err, g)
		lines := strings.Split(md, "\n")
		assert.Equal(t, "| Python | Go | When to use it | Measured in |", lines[0])
		for _, l := range lines {
			if strings.HasPrefix(l, "| `") {
				assert.Equal(t, 5, strings.Count(l, "|")-strings.Count(l, `\|`), "four cells: %s", l)
			}
		}
		assert.Contains(t, md, "```go\nfunc ")
	}
	md, err := cheatsheet.Markdown(cheatsheet.Rows(), "asyncio")
	require.NoError(t, err)
	assert.Contains(t, md, "[05 · asyncio.gather is not a TaskGroup](05-async-alternatives.ipynb#asyncio.gather-is-not-a-TaskGroup)")
	_, err = cheatsheet.Markdown(cheatsheet.Rows(), "trio")
	assert.ErrorContains(t, err, "no rows in the group \"trio\"")
}

func TestLink(t *testing.T) {
	s := cheatsheet.Section{Notebook: "04-threads-vs-processes.ipynb", Heading: `7. Message passing: "can still outperform serial execution"`}
	assert.Equal(t, `[04 · 7. Message passing: "can still outperform serial execution"](04-threads-vs-processes.ipynb#7.-Message-passing:-%22can-still-outperform-serial-execution%22)`, s.Link())
}

// TestAnchor compares with ids nbconvert wrote into the site's pages.
func TestAnchor(t *testing.T) {
	for text, id := range map[string]string{
		`6. Talking to a worker: "IPC's a little more complicated with more overhead"`: `6.-Talking-to-a-worker:-%22IPC's-a-little-more-complicated-with-more-overhead%22`,
		"6. Threads cannot be killed, only asked to stop":                              "6.-Threads-cannot-be-killed,-only-asked-to-stop",
		"The first successful answer: a hedged request → select":                       "The-first-successful-answer:-a-hedged-request-%E2%86%92-select",
		"2. Is this what the GIL is for?":                                              "2.-Is-this-what-the-GIL-is-for?",
	} {
		assert.Equal(t, id, cheatsheet.Anchor(text))
	}
}
