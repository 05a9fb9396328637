package executors

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The sequential way of GoBatch sees its context end between counts: with
// an ended context it counts nothing (2⁴⁰ counts of 2⁴⁰ would never end).
func TestCountAllStopsWithItsContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.ErrorIs(t, countAll(ctx, 1<<40, 1<<40), context.Canceled)
	assert.NoError(t, countAll(context.Background(), 3, 10))
}
