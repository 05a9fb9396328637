package gil

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestCheckWithoutTheGILDoesNothing(t *testing.T) {
	g := New()
	holder, outsider := g.Thread(), g.Thread()
	holder.Acquire()
	// As if a waiter had asked: the holder would drop at its next check,
	// but a thread that does not hold the GIL has nothing to drop.
	g.dropRequest.Store(true)
	outsider.Check()
	assert.False(t, outsider.Held())
	assert.True(t, g.dropRequest.Load(), "the request is left for the holder")
	assert.Equal(t, Stats{Acquires: 1, Switches: 1}, g.Stats())
	g.dropRequest.Store(false)
	assert.NoError(t, holder.Release())
}

func TestFormatMillis(t *testing.T) {
	for d, want := range map[string]string{"1ms": "1", "5ms": "5", "500us": "0.5", "12.25ms": "12.25"} {
		dur, err := time.ParseDuration(d)
		assert.NoError(t, err)
		assert.Equal(t, want, formatMillis(dur), d)
	}
}
