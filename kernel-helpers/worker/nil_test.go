package worker

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNilAndZeroPools(t *testing.T) {
	var nilPool *Pool
	assert.Equal(t, 0, nilPool.Size())
	assert.Nil(t, nilPool.PIDs())
	_, err := (&Pool{}).Call(context.Background(), "noop", nil, nil)
	assert.ErrorContains(t, err, "zero-value Pool")
}
