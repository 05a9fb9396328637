package display_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/display"
)

func TestCount(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0", 7: "7", 999: "999", 1000: "1,000", 123456: "123,456", 1234567: "1,234,567",
		-1000: "-1,000", -999: "-999", math.MinInt64: "-9,223,372,036,854,775,808",
	} {
		assert.Equal(t, want, display.Count(n), "Count(%d)", n)
	}
}
