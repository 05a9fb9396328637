package gil_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/gil"
	"concurrencylab/workloads"
)

func TestContext(t *testing.T) {
	g := gil.New()
	th := g.Thread()
	ctx := gil.NewContext(context.Background(), th)
	assert.Same(t, th, gil.FromContext(ctx))
	assert.NotNil(t, gil.CheckFunc(ctx))

	th.Acquire()
	gil.Blocking(ctx, func() {
		assert.False(t, th.Held(), "the context's thread let go while blocking")
	})
	assert.True(t, th.Held())
	assert.Equal(t, int64(workloads.CheckEvery), workloads.CountToWith(workloads.CheckEvery, gil.CheckFunc(ctx)))
	assert.NoError(t, th.Release())
}

func TestContextWithoutThread(t *testing.T) {
	var noContext context.Context
	for name, ctx := range map[string]context.Context{"background": context.Background(), "nil": noContext} {
		t.Run(name, func(t *testing.T) {
			assert.Nil(t, gil.FromContext(ctx))
			assert.Nil(t, gil.CheckFunc(ctx), "no GIL: no check, so the loop runs at full speed")
			ran := false
			gil.Blocking(ctx, func() { ran = true })
			assert.True(t, ran)
			gil.Blocking(ctx, nil) // does nothing
		})
	}
}
