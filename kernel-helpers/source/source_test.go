package source_test

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/source"
)

const goFile = `package x

// Racy adds without a lock.
func Racy(n int) int {
	c := 0
	for range n {
		c++
	}
	return c
}

type Pool struct{}

// Run runs.
func (p *Pool) Run() {}
`

func TestGo(t *testing.T) {
	fsys := fstest.MapFS{"x.go": {Data: []byte(goFile)}, "notes.txt": {Data: []byte("x")}}
	got, err := source.Go(fsys, "Racy")
	require.NoError(t, err)
	assert.Equal(t, "// Racy adds without a lock.\nfunc Racy(n int) int {\n\tc := 0\n\tfor range n {\n\t\tc++\n\t}\n\treturn c\n}", got)
	got, err = source.Go(fsys, "Pool.Run")
	require.NoError(t, err)
	assert.Equal(t, "// Run runs.\nfunc (p *Pool) Run() {}", got)
	_, err = source.Go(fsys, "Missing")
	assert.ErrorContains(t, err, `no function "Missing"; there are: Pool.Run, Racy`)
	_, err = source.Go(nil, "Racy")
	assert.Error(t, err)
	_, err = source.Go(fstest.MapFS{"bad.go": {Data: []byte("package")}}, "Racy")
	assert.Error(t, err)
}

const pyFile = `import threading

# one worker: reads, calls, writes
def work(n):
    global c
    for _ in range(n):
        v = c
        abs(0)
        c = v + 1

    return c


async def main():
    pass
`

func TestPython(t *testing.T) {
	got, err := source.Python(pyFile, "work")
	require.NoError(t, err)
	assert.Equal(t, "# one worker: reads, calls, writes\ndef work(n):\n    global c\n    for _ in range(n):\n        v = c\n        abs(0)\n        c = v + 1\n\n    return c", got)
	got, err = source.Python(pyFile, "main")
	require.NoError(t, err)
	assert.Equal(t, "async def main():\n    pass", got)
	_, err = source.Python(pyFile, "nope")
	assert.ErrorContains(t, err, "there are: work, main")
}

func TestMarkdown(t *testing.T) {
	assert.Equal(t, "```go\nx := 1\n```", source.Markdown("go", "x := 1\n"))
	assert.Equal(t, "````md\na ``` b\n````", source.Markdown("md", "a ``` b"))
}
