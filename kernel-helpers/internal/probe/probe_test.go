package probe_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/internal/probe"
)

func TestJudge(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    probe.Probe
		want string // substring of the judgement; "" for a pass
	}{
		{"clear error", probe.Probe{"f n", func(context.Context) error { return errors.New("f: n -1 must be positive") }, "n -1"}, ""},
		{"wrong error", probe.Probe{"f n", func(context.Context) error { return errors.New("f: boom") }, "n -1"}, "does not say"},
		{"no error", probe.Probe{"f n", func(context.Context) error { return nil }, "n -1"}, "no error"},
		{"harmless", probe.Probe{"f n", func(context.Context) error { return nil }, probe.Harmless}, ""},
		{"harmless that fails", probe.Probe{"f n", func(context.Context) error { return errors.New("x") }, probe.Harmless}, "want no error"},
		{"asserts nothing", probe.Probe{"f n", func(context.Context) error { return errors.New("x") }, ""}, "asserts nothing"},
		{"panic", probe.Probe{"f n", func(context.Context) error { panic("boom") }, "n"}, "panicked: boom"},
		{"hang", probe.Probe{"f n", func(context.Context) error { select {} }, "n"}, "still running"},
		{"sees its context end", probe.Probe{"f n", func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }, "deadline"}, ""},
		{"machine path", probe.Probe{"f n", func(context.Context) error { return errors.New("f: n: open " + os.TempDir() + "/x: no such file") }, "n"}, "names a folder of this machine"},
		{"memory", probe.Probe{"f n", func(context.Context) error { b := make([]byte, 8<<20); keep = b; return errors.New("n") }, "n"}, "heap grew"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := probe.Judge(tc.p, 100*time.Millisecond, 4<<20)
			if tc.want == "" {
				assert.NoError(t, err)
			} else if assert.Error(t, err) {
				assert.Contains(t, err.Error(), tc.want)
			}
		})
	}
	keep = nil
}

var keep []byte
