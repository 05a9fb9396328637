package display

import (
	"bytes"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

// pretendNotebook makes the package believe it runs under GoNB and collects
// what it writes to standard error. gonbui itself still knows better and
// sends nothing.
func pretendNotebook(t *testing.T) *bytes.Buffer {
	var buf bytes.Buffer
	oldIn, oldErr := inNotebook, stderr
	inNotebook, stderr = func() bool { return true }, &buf
	t.Cleanup(func() { inNotebook, stderr = oldIn, oldErr })
	return &buf
}

func TestPlot_errorGoesToStderr(t *testing.T) {
	buf := pretendNotebook(t)
	Plot(nil, errors.New("plots: no results to draw"))
	assert.Equal(t, "display: no plot: plots: no results to draw\n", buf.String())
}

func TestPlot_pictureWritesNoError(t *testing.T) {
	buf := pretendNotebook(t)
	Plot([]byte("<svg></svg>"), nil)
	assert.Empty(t, buf.String())
}

func TestTable_badTableGoesToStderr(t *testing.T) {
	buf := pretendNotebook(t)
	Table([]string{"a", "b"}, [][]string{{"1"}})
	assert.Equal(t, "display: table row 0 has 1 cells, the header has 2\n", buf.String())
}

func TestInlineSVG(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"prolog and comment dropped", "<?xml version=\"1.0\"?>\n<!-- by vgsvg -->\n<svg width=\"1pt\"></svg>\n", "<svg width=\"1pt\"></svg>\n"},
		{"bare svg kept", "<svg></svg>", "<svg></svg>"},
		{"not svg kept as is", "<p>hi</p>", "<p>hi</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, string(inlineSVG([]byte(tt.in))))
		})
	}
}
