package gil_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/gil"
)

func TestBlockingNilThread(t *testing.T) {
	ran := false
	var th *gil.Thread
	th.Blocking(func() { ran = true })
	assert.True(t, ran, "a nil thread holds no GIL: f simply runs")
}
