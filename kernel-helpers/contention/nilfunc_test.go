package contention_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/contention"
)

func TestMeasureNil(t *testing.T) {
	assert.False(t, contention.Measure(nil).Known, "nothing ran, so nothing is known")
}
