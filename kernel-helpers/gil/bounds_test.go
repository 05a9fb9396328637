package gil_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/gil"
)

func TestRunBounds(t *testing.T) {
	var nilGIL *gil.GIL
	_, err := nilGIL.Run(context.Background(), gil.CountTask(1))
	assert.ErrorContains(t, err, "needs a GIL")
	tasks := make([]gil.Task, gil.MaxThreads+1)
	for i := range tasks {
		tasks[i] = gil.CountTask(1)
	}
	_, err = gil.New().Run(context.Background(), tasks...)
	assert.ErrorContains(t, err, "more than 1000")
}
