package worker

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPanicErrorMessage(t *testing.T) {
	assert.Equal(t, `task "count #3" panicked: boom`, (&PanicError{Task: "count #3", Value: "boom"}).Error())
	assert.Equal(t, "task panicked: 42", (&PanicError{Value: 42}).Error(), "a future's task has no name")
}
