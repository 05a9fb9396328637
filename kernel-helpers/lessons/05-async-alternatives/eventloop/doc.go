// Package eventloop is a small event loop in the style of Python's asyncio,
// so that the course can show what a cooperative scheduler does and what it
// cannot do, next to Go's preemptive one.
//
// In asyncio, coroutines take turns on one thread. A coroutine runs until it
// reaches an await (asyncio.sleep, a socket read, ...), which hands control
// back to the loop; the loop then resumes whichever coroutine is ready next.
// Nothing else can interrupt a coroutine: one that computes for a second
// without an await holds the whole loop for that second, and every other
// coroutine, however urgent, waits.
//
// This package copies that model. [Loop.Go] is asyncio.create_task,
// [Loop.Run] is asyncio.run, and the only ways a task lets others run are
// [Task.Sleep] (await asyncio.sleep(d)) and [Task.Yield] (await
// asyncio.sleep(0)). A task's function is a real coroutine: it runs through
// [iter.Pull], which switches between the loop and the task directly, one at
// a time, the way a Python generator (the machinery under async def) hands
// control back and forth. So exactly one task runs at any moment, and a task
// that never sleeps is never interrupted.
//
//	loop := eventloop.New()
//	loop.Go("ticker", func(t *eventloop.Task) error {
//		for range 3 {
//			if err := t.Sleep(10 * time.Millisecond); err != nil {
//				return err // cancelled, like asyncio.CancelledError
//			}
//		}
//		return nil
//	})
//	err := loop.Run(ctx)
//
// Cancelling Run's context is task.cancel() for every task: a task waiting in
// Sleep or Yield gets the context's error at once, and every later Sleep
// returns it without waiting. A task busy computing notices only at its next
// Sleep, as in asyncio.
//
// Go programs do not need any of this: goroutines are scheduled by the
// runtime, which can interrupt a goroutine that runs too long (see package
// [concurrencylab/kernel-helpers/heartbeat], which measures the difference).
package eventloop
