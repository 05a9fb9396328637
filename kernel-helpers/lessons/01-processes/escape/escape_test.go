package escape_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"concurrencylab/kernel-helpers/lessons/01-processes/escape"
)

// Analyze runs the go command, whose output copying starts goroutines.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// m2 is what go build -gcflags=-m=2 printed for a version of Demo, with
// paths stripped as package snippet does.
const m2 = `# snippet
main.go:5:6: can inline sum with cost 21 as: func([]int) int { total := 0; for loop; return total }
main.go:18:6: cannot inline newCounter: marked go:noinline
main.go:25:11: inlining call to sum
main.go:5:10: xs does not escape
main.go:19:2: n escapes to heap in newCounter:
main.go:19:2:   flow: ~r0 ← &n:
main.go:19:2:     from &n (address-of) at main.go:20:9
main.go:19:2:     from return &n (return) at main.go:20:2
main.go:19:2: moved to heap: n
main.go:25:17: []int{...} does not escape
main.go:3:10: leaking param: p to result ~r0 level=0
`

func TestParse(t *testing.T) {
	ds := escape.Parse(m2)
	require.Len(t, ds, 4)
	want := []struct {
		line, col int
		msg       string
		heap      bool
		why       int
	}{
		{3, 10, "leaking param: p to result ~r0 level=0", false, 0},
		{5, 10, "xs does not escape", false, 0},
		{19, 2, "moved to heap: n", true, 3},
		{25, 17, "[]int{...} does not escape", false, 0},
	}
	for i, w := range want {
		t.Run(w.msg, func(t *testing.T) {
			d := ds[i]
			assert.Equal(t, "main.go", d.File)
			assert.Equal(t, w.line, d.Line)
			assert.Equal(t, w.col, d.Col)
			assert.Equal(t, w.msg, d.Message)
			assert.Equal(t, w.heap, d.Heap())
			assert.Len(t, d.Why, w.why)
		})
	}
	assert.Equal(t, "from &n (address-of) at main.go:20:9", ds[2].Why[1])
	assert.Equal(t, []string{"n"}, escape.Moved(ds))
}

func TestParseSkipsNoise(t *testing.T) {
	tests := []struct{ name, out string }{
		{"empty", ""},
		{"package heading", "# snippet\n"},
		{"inlining only", "main.go:5:6: can inline sum\nmain.go:25:11: inlining call to sum\n"},
		{"not a message", "warning: something else\nmain.go: no position\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Empty(t, escape.Parse(tt.out))
		})
	}
}

func TestHeap(t *testing.T) {
	tests := []struct {
		msg  string
		want bool
	}{
		{"moved to heap: n", true},
		{"*c escapes to heap", true},
		{"make([]byte, n) escapes to heap", true},
		{"xs does not escape", false},
		{"leaking param: p", false},
		{"leaking param content: p", false},
	}
	for _, tt := range tests {
		t.Run(tt.msg, func(t *testing.T) {
			assert.Equal(t, tt.want, escape.Decision{Message: tt.msg}.Heap())
		})
	}
}

// TestAnalyzeDemo runs the real compiler on Demo: the lesson depends on it
// saying that n moves to the heap and that nothing in sum does.
func TestAnalyzeDemo(t *testing.T) {
	ds, err := escape.Analyze(t.Context(), escape.Demo)
	require.NoError(t, err)
	require.NotEmpty(t, ds)
	assert.Equal(t, []string{"n", "big"}, escape.Moved(ds))
	lines := strings.Split(escape.Demo, "\n")
	runSized := 0
	for _, d := range ds {
		assert.Equal(t, "main.go", d.File, "file base name only: %v", d)
		if d.Heap() {
			assert.Regexp(t, `n := 0|var big`, lines[d.Line-1], "the heap decisions are newCounter's n and scratch's big")
			assert.NotEmpty(t, d.Why, "-m=2 explains a move to the heap")
			assert.Equal(t, strings.Contains(lines[d.Line-1], "var big"), d.TooLarge(), "big moves for its size, n for its address")
		}
		if d.RunSized() {
			runSized++
			assert.Contains(t, lines[d.Line-1], "make([]byte, n)")
		}
		for _, w := range d.Why {
			assert.NotContains(t, w, "/", "no path in the explanation")
		}
	}
	assert.Equal(t, 1, runSized, "scratch's make of run-time size")
	f := escape.Figures(ds, -1)
	assert.Equal(t, 1.0, f["go.heap.too_large"])
	assert.Equal(t, 1.0, f["go.heap.escaped"])
	assert.Equal(t, 2.0, f["go.stack"], "xs and the slice literal; the make of run-time size is not counted")
	assert.NotContains(t, f, "go.make.large_allocs")
	assert.Equal(t, 0.5, escape.Figures(ds, 0.5)["go.make.large_allocs"])
}

// TestMakeAllocs counts allocations, not time: a 64 KiB buffer cannot live in
// the small stack buffer, so every call takes the heap.
func TestMakeAllocs(t *testing.T) {
	large, err := escape.MakeAllocs(64<<10, 200)
	require.NoError(t, err)
	assert.InDelta(t, 1, large, 0.2)
	for _, bad := range [][2]int{{0, 1}, {escape.MaxMakeSize + 1, 1}, {8, 0}} {
		_, err := escape.MakeAllocs(bad[0], bad[1])
		assert.ErrorContains(t, err, "MakeAllocs needs", "n=%d runs=%d", bad[0], bad[1])
	}
}

func TestRunSizedAndTooLarge(t *testing.T) {
	assert.True(t, escape.Decision{Message: "make([]byte, n) does not escape"}.RunSized())
	assert.False(t, escape.Decision{Message: "make([]byte, 64) does not escape"}.RunSized())
	assert.False(t, escape.Decision{Message: "xs does not escape"}.RunSized())
	big := escape.Decision{Message: "moved to heap: big", Why: []string{"flow: {heap} ← &big:", "from big (too large for stack) at main.go:30:6"}}
	assert.True(t, big.TooLarge())
	assert.False(t, escape.Decision{Message: "moved to heap: n", Why: []string{"from &n (address-of) at main.go:20:9"}}.TooLarge())
	assert.Contains(t, escape.Summary([]escape.Decision{big}), "because it is too large for a stack frame")
	assert.Contains(t, escape.Summary([]escape.Decision{{Message: "make([]byte, n) does not escape"}}), "takes the heap when it does not fit")
}

func TestAnalyzeErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"empty", "", "empty source"},
		{"does not compile", "package main\n\nfunc main() { x := 1 }\n", "declared and not used: x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := escape.Analyze(t.Context(), tt.src)
			require.Error(t, err)
			assert.Nil(t, ds)
			assert.Contains(t, err.Error(), tt.want)
			assert.NotContains(t, err.Error(), "/snippet-", "no temporary path in the error")
		})
	}
}

func TestMarkdown(t *testing.T) {
	src := "package main\n\nfunc f(p *int) *int { return p }\n\nfunc sum(xs []int) int {\n"
	ds := escape.Parse(m2)
	md := escape.Markdown(src, ds)
	rows := strings.Split(strings.TrimSpace(md), "\n")
	require.Len(t, rows, 2+len(ds), "header, separator and one row per decision")
	assert.Contains(t, rows[2], "`func f(p *int) *int { return p }`")
	assert.Contains(t, rows[2], "the caller decides")
	assert.Contains(t, rows[3], "`func sum(xs []int) int {`")
	assert.Contains(t, rows[3], "| stack |")
	assert.Contains(t, rows[4], "**heap**")
	assert.Contains(t, rows[4], "because: &n (address-of) → return &n (return)")
	assert.Contains(t, rows[4], "| 19 |  |", "a line past the end of src has an empty code cell")
	assert.Contains(t, rows[5], `\[\]int{...} does not escape`, "Markdown characters escaped")
}

func TestSummary(t *testing.T) {
	ds := escape.Parse(m2)
	assert.Equal(t, "The compiler put one thing on the heap: `n` (line 19), because its address leaves the function: "+
		"&n (address-of) → return &n (return). Everything else lives in its function's stack frame and is gone, at no cost, when the function returns.",
		escape.Summary(ds))
	assert.Contains(t, escape.Summary(nil), "nothing on the heap")
	two := append(ds, escape.Decision{Line: 30, Message: "*c escapes to heap"})
	assert.Contains(t, escape.Summary(two), "put 2 things on the heap: `n` (line 19)")
	assert.Contains(t, escape.Summary(two), "; *c escapes to heap (line 30)")
}
