package gil

import "context"

// threadKey is the context key for the [Thread] a goroutine runs as.
type threadKey struct{}

// NewContext returns a copy of ctx that carries t, for code that is handed
// only a context, such as the tasks of a runner that knows nothing of
// GILs: it finds its thread with [FromContext], [CheckFunc] or [Blocking].
func NewContext(ctx context.Context, t *Thread) context.Context {
	return context.WithValue(ctx, threadKey{}, t)
}

// FromContext returns the thread ctx carries, or nil if it carries none.
func FromContext(ctx context.Context) *Thread {
	if ctx == nil {
		return nil
	}
	t, _ := ctx.Value(threadKey{}).(*Thread)
	return t
}

// CheckFunc returns the Check method of the thread ctx carries, or nil when
// it carries none. Pass it straight to
// [concurrencylab/workloads.CountToWith]: under a GIL the loop checks it,
// and without one the loop runs with no check at all, at full speed.
func CheckFunc(ctx context.Context) func() {
	if t := FromContext(ctx); t != nil {
		return t.Check
	}
	return nil
}

// Blocking runs f without the GIL of the thread ctx carries, as
// [Thread.Blocking] does, or simply runs f when ctx carries no thread.
func Blocking(ctx context.Context, f func()) {
	if t := FromContext(ctx); t != nil {
		t.Blocking(f)
		return
	}
	if f != nil {
		f()
	}
}
