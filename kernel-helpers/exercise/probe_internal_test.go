package exercise

import (
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestProbeTests(t *testing.T) {
	cases := []struct {
		name string
		test func(t *T)
		want Outcome
	}{
		{"stub returns ErrNotDone", func(t *T) { t.NoError(ErrNotDone) }, NotDone},
		{"stub calls TODO", func(t *T) { TODO() }, NotDone},
		{"wrapped ErrNotDone", func(t *T) { panic(errors.Join(errors.New("x"), ErrNotDone)) }, NotDone},
		{"a pass", func(t *T) { t.Passed("fine") }, Fail},
		{"a wrong answer", func(t *T) { t.Fail("wrong") }, Fail},
		{"another panic", func(t *T) { panic("boom") }, Fail},
		{"ends the goroutine itself", func(t *T) { runtime.Goexit() }, Fail},
		{"still running", func(t *T) { <-t.Context().Done(); time.Sleep(time.Second) }, Fail},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := probeTests(50*time.Millisecond, c.test)
			assert.Equal(t, c.want, r.Outcome)
		})
	}
}
