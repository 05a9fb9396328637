package plots_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/plots"
)

// TestLinesWholeTicks: counts on the x axis get a tick at each count, and
// none between them.
func TestLinesWholeTicks(t *testing.T) {
	s := []plots.Series{{Name: "sleeper", X: []float64{0, 1, 2}, Y: []float64{1, 6, 11}}}
	svg, err := plots.Lines("latency", plots.Axis{Label: "hogs"}, plots.Axis{Label: "latency", Unit: "ms"}, s)
	require.NoError(t, err)
	for _, want := range []string{">0<", ">1<", ">2<"} {
		assert.Contains(t, string(svg), want)
	}
	assert.NotContains(t, string(svg), ">0.5<")
	assert.NotContains(t, string(svg), ">1.5<")

	s[0].X = []float64{0.25, 0.5, 1}
	svg, err = plots.Lines("latency", plots.Axis{Label: "load"}, plots.Axis{Label: "latency", Unit: "ms"}, s)
	require.NoError(t, err)
	assert.True(t, strings.Contains(string(svg), ">0."), "fractions keep their fractional ticks")
}
