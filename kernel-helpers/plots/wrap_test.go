package plots

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

func TestWrap(t *testing.T) {
	style := text.Style{Font: font.From(sansBold, 14), Handler: plot.DefaultTextHandler}
	short := "speedup vs workers"
	assert.Equal(t, short, wrap(short, style, 16*vg.Centimeter))

	long := "sum of square roots up to 219407926, split among w goroutines, on every core of this machine"
	got := wrap(long, style, 8*vg.Centimeter)
	lines := strings.Split(got, "\n")
	assert.Greater(t, len(lines), 1)
	assert.Equal(t, strings.Fields(long), strings.Fields(got), "no word lost or split")
	for _, l := range lines {
		assert.LessOrEqual(t, float64(style.Width(l)), float64(8*vg.Centimeter), "line %q too wide", l)
	}
}
