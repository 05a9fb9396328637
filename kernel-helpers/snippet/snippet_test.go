package snippet_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/internal/testmain"
	"concurrencylab/kernel-helpers/snippet"
)

// exec.Cmd starts goroutines to copy output; none may outlive a call.
func TestMain(m *testing.M) { testmain.Main(m) }

const hello = `package main

import "fmt"

func main() { fmt.Println("hello from a snippet") }
`

func TestStripPaths(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"absolute path at line start", "/tmp/snippet-123/main.go:17:2: moved to heap: n", "main.go:17:2: moved to heap: n"},
		{"relative path", "./main.go:6:10: xs does not escape", "main.go:6:10: xs does not escape"},
		{"indented stack frame", "      /usr/local/go/src/sync/waitgroup.go:90 +0x3c", "      waitgroup.go:90 +0x3c"},
		{"after a parenthesis", "created at (/root/x/main.go:12)", "created at (main.go:12)"},
		{"after a quote", `open "/home/u/data/file.txt": no such file`, `open "file.txt": no such file`},
		{"several on one line", "/a/b/x.go:1 and /c/d/y.go:2", "x.go:1 and y.go:2"},
		{"each line", "/a/b.go:1\n/c/d.go:2\n", "b.go:1\nd.go:2\n"},
		{"package paths stay", "runtime/internal/atomic.Load and sync/atomic.AddInt64", "runtime/internal/atomic.Load and sync/atomic.AddInt64"},
		{"a fraction stays", "1/2 of the updates", "1/2 of the updates"},
		{"no path", "WARNING: DATA RACE", "WARNING: DATA RACE"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, snippet.StripPaths(tt.in))
		})
	}
}

func TestNewBadSource(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"empty", "", "empty source"},
		{"blank", " \n\t", "empty source"},
		{"no package clause", "func main() {}", "no package clause"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := snippet.New(tt.src)
			require.Error(t, err)
			assert.Nil(t, p)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestBuildAndRun(t *testing.T) {
	p, err := snippet.New(hello)
	require.NoError(t, err)
	defer p.Remove()

	_, err = p.Build(t.Context())
	require.NoError(t, err)
	res, err := p.Run(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 0, res.ExitCode)
	assert.Equal(t, "hello from a snippet\n", res.Output)
}

func TestBuildPrintsCompilerMessagesEveryTime(t *testing.T) {
	p, err := snippet.New(hello)
	require.NoError(t, err)
	defer p.Remove()

	// The second build finds everything in the go command's cache; the
	// compiler's messages must come back all the same.
	for i := range 2 {
		out, err := p.Build(t.Context(), "-gcflags=-m")
		require.NoError(t, err, "build %d", i)
		assert.Contains(t, out, "main.go:5:", "build %d", i)
		assert.NotContains(t, out, "/", "build %d: paths stripped", i)
	}
}

func TestBuildError(t *testing.T) {
	p, err := snippet.New("package main\n\nfunc main() { undefinedThing() }\n")
	require.NoError(t, err)
	defer p.Remove()

	out, err := p.Build(t.Context())
	require.Error(t, err)
	assert.Contains(t, out, "main.go:3:15: undefined: undefinedThing")
	assert.Contains(t, err.Error(), "undefined: undefinedThing")
	assert.NotContains(t, err.Error(), "/snippet-", "no temporary path in the error")

	_, err = p.Run(t.Context())
	assert.ErrorContains(t, err, "before a successful Build")
}

func TestBuildRejectsOutputFlag(t *testing.T) {
	p, err := snippet.New(hello)
	require.NoError(t, err)
	defer p.Remove()
	for _, flags := range [][]string{{"-o", "x"}, {"-o=x"}} {
		_, err := p.Build(t.Context(), flags...)
		assert.ErrorContains(t, err, "leave out -o", "%v", flags)
	}
}

func TestRunExitCode(t *testing.T) {
	p, err := snippet.New("package main\n\nimport \"os\"\n\nfunc main() { println(\"bye\"); os.Exit(3) }\n")
	require.NoError(t, err)
	defer p.Remove()
	_, err = p.Build(t.Context())
	require.NoError(t, err)

	res, err := p.Run(t.Context())
	require.NoError(t, err, "a non-zero exit is a result, not an error")
	assert.Equal(t, 3, res.ExitCode)
	assert.Equal(t, "bye\n", res.Output)
}

func TestRunStopsWithContext(t *testing.T) {
	p, err := snippet.New("package main\n\nimport \"time\"\n\nfunc main() { time.Sleep(time.Hour) }\n")
	require.NoError(t, err)
	defer p.Remove()
	_, err = p.Build(t.Context())
	require.NoError(t, err)

	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = p.Run(ctx)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), time.Minute, "the program was killed, not waited for")
}

func TestRemove(t *testing.T) {
	p, err := snippet.New(hello)
	require.NoError(t, err)
	require.NoError(t, p.Remove())
	require.NoError(t, p.Remove(), "a second Remove is harmless")
	_, err = p.Build(t.Context())
	assert.ErrorContains(t, err, "removed")

	var nilProgram *snippet.Program
	assert.NoError(t, nilProgram.Remove())
}
