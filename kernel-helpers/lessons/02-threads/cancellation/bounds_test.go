package cancellation_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/lessons/02-threads/cancellation"
)

func TestIgnoreIsBounded(t *testing.T) {
	_, err := cancellation.Ignore(context.Background(), 1<<62, time.Millisecond)
	assert.ErrorContains(t, err, "n must be 1 to")
}
