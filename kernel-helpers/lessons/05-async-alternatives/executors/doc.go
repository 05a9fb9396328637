// Package executors puts the two pools of package
// [concurrencylab/kernel-helpers/futures], Go's versions of Python's
// ThreadPoolExecutor and ProcessPoolExecutor, side by side on the same
// tasks, to show what concurrent.futures code looks like in Go and what each
// pool costs.
//
// [AsCompleted] submits tasks that wait for different times, the first
// submitted waiting longest, and collects them with [futures.AsCompleted]:
// they come back in the order they finish, shortest first, the reverse of
// the order they were submitted, on either pool. ([futures.Wait], like
// Python's result() in a loop, would return them in submission order.)
//
// [PerTask] measures what a pool adds to every task: a task that does
// nothing, submitted many times. On the goroutine pool that costs a channel
// hand-off; on the process pool, encoding the call as JSON, writing it into
// a pipe, a context switch to the worker process and back, and decoding the
// answer. That price is why a process pool only pays off for tasks far
// longer than it.
//
// The process pool runs the built-in tasks of package
// [concurrencylab/kernel-helpers/worker] ("sleep", "noop"), which every
// worker process has, so this works from a notebook cell. A test binary must
// call [worker.ServeIfWorker] in its TestMain.
package executors
