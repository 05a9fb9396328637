package worker

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRegisterFunc(t *testing.T) {
	t.Run("runs in a worker", func(t *testing.T) {
		p := newPool(t, 1, 1)
		var sq int
		_, err := p.Call(context.Background(), "test-square", 7, &sq)
		require.NoError(t, err)
		assert.Equal(t, 49, sq)
		_, err = p.Call(context.Background(), "test-square", "seven", &sq)
		assert.ErrorContains(t, err, "bad argument")
	})
	t.Run("bad input", func(t *testing.T) {
		var nilFn func(context.Context, int) (int, error)
		assert.ErrorContains(t, RegisterFunc("test-nil", nilFn), "nil function")
		assert.ErrorContains(t, RegisterFunc("", func(context.Context, int) (int, error) { return 0, nil }), "needs a task name")
		assert.ErrorContains(t, RegisterFunc("test-square", func(context.Context, int) (int, error) { return 0, nil }), "already registered")
	})
	t.Run("no result answers null", func(t *testing.T) {
		fn := Typed(func(context.Context, string) (struct{}, error) { return struct{}{}, nil })
		out, err := fn(context.Background(), json.RawMessage(`"x"`))
		require.NoError(t, err)
		assert.Nil(t, out)
	})
}
