package display_test

import (
	"encoding/base64"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/display"
)

const picture = `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
<text x="1">Speedup &amp; cores</text><text x="2">workers</text><text x="3">speedup</text><text x="4">workers</text>
</svg>`

func TestAlt(t *testing.T) {
	assert.Equal(t, "Plot: Speedup & cores. Labels: workers, speedup.", display.Alt([]byte(picture)))
	assert.Equal(t, "Plot.", display.Alt([]byte("<svg></svg>")))
	assert.Equal(t, "Plot: only.", display.Alt([]byte("<svg><text>only</text></svg>")))
	var many strings.Builder
	for i := range 30 {
		many.WriteString("<text>l" + strings.Repeat("x", i) + "</text>")
	}
	alt := display.Alt([]byte(many.String()))
	assert.True(t, strings.HasSuffix(alt, ", …."), alt)
	assert.Equal(t, 12, strings.Count(alt, ", "), "twelve labels, then an ellipsis")
}

func TestImageHTML(t *testing.T) {
	h := display.ImageHTML([]byte(picture))
	m := regexp.MustCompile(`^<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)" style="max-width:100%">$`).FindStringSubmatch(h)
	require.NotNil(t, m, h)
	svg, err := base64.StdEncoding.DecodeString(m[1])
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(svg), "<svg"), "the XML prolog is dropped")
	assert.Equal(t, "Plot: Speedup &amp; cores. Labels: workers, speedup.", m[2], "the alt text is escaped")
	assert.NotContains(t, h, "<svg", "no inline SVG: untrusted notebooks strip it")
}
