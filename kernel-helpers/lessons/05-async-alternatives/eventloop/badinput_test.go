package eventloop_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/eventloop"
)

// A nil *Loop or *Task gives an error, not a nil-pointer panic.
func TestNilLoopAndTask(t *testing.T) {
	var l *eventloop.Loop
	assert.ErrorContains(t, l.Go("t", func(*eventloop.Task) error { return nil }), "nil *Loop")
	assert.ErrorContains(t, l.Run(context.Background()), "nil *Loop")
	assert.Equal(t, 0, l.Steps())
	var task *eventloop.Task
	assert.ErrorContains(t, task.Sleep(time.Millisecond), "nil *Task")
}
