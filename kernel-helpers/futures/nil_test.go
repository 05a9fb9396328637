package futures_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/futures"
)

// TestNilAndZeroValues: nil receivers and zero values give errors, never a
// panic or a future that never completes.
func TestNilAndZeroValues(t *testing.T) {
	ctx := context.Background()
	fn := func(context.Context) (int, error) { return 1, nil }

	var nilFuture *futures.Future[int]
	_, err := nilFuture.Wait()
	assert.ErrorContains(t, err, "Wait on a future")
	var zeroFuture futures.Future[int]
	_, err = zeroFuture.Wait()
	assert.ErrorContains(t, err, "Wait on a future")

	done := make(chan error, 1)
	go func() {
		_, err := futures.Submit(ctx, &futures.GoroutinePool{}, fn).Wait()
		done <- err
	}()
	select {
	case err := <-done:
		assert.ErrorContains(t, err, "zero-value GoroutinePool")
	case <-time.After(10 * time.Second):
		t.Fatal("a task submitted to a zero-value pool never completed")
	}

	var nilPool *futures.GoroutinePool
	assert.NoError(t, nilPool.Close())
	assert.NoError(t, (&futures.GoroutinePool{}).Close())
	assert.Equal(t, 0, nilPool.Size())
	var nilProcs *futures.ProcessPool
	assert.NoError(t, nilProcs.Close())
	_, err = futures.SubmitTask[int](ctx, &futures.ProcessPool{}, "noop", nil).Wait()
	assert.ErrorContains(t, err, "zero-value pool")
	_, err = futures.NewProcessPool(ctx, 1_000_000_000_000)
	assert.ErrorContains(t, err, "more than this machine allows")
}
