// Package asyncio shows how the patterns of Python's asyncio are written in
// Go, one small function per pattern, and measures each against the course's
// slow local web server (package [concurrencylab/workloads/latency]).
//
// asyncio runs coroutines on one thread and needs its own versions of
// everything that waits (asyncio.sleep, aiohttp, asyncio.Queue). Go needs
// none: a goroutine that waits for the network is parked by the runtime's
// netpoller and costs a few KiB, so ordinary blocking code is already
// "async". What remains are the patterns for coordinating many waits, and Go
// has a standard answer to each:
//
//	asyncio                                  Go
//	async with asyncio.TaskGroup() as tg     errgroup.WithContext, g.Go, g.Wait ([TaskGroup]):
//	                                         the first error cancels the rest, which are awaited
//	await asyncio.gather(*tasks)             no errgroup twin: the first error is raised at once
//	                                         and the other tasks keep running, uncancelled
//	await asyncio.wait_for(task, timeout)    context.WithTimeout ([WaitFor])
//	task.cancel()                            a context's cancel function
//	the first successful answer (hedging)    select on a channel of answers ([First]);
//	                                         FIRST_COMPLETED also returns on a failure
//	async with asyncio.Semaphore(n)          semaphore.Weighted ([GatherSemaphore])
//	                                         or errgroup's SetLimit ([GatherLimit])
//
// The functions are the lesson: [Source] returns the Go source of any of
// them, so a notebook shows exactly the code it runs. Every task has the
// shape func(ctx) (T, error), the Go spelling of a coroutine that can be
// cancelled; [Fetches] makes such tasks that download pages.
//
// The Try functions and [SweepLimits] run the patterns against a fresh
// [latency.Server] and report what happened (how long, how many requests the
// server held at once, how many it answered) as sentences with the figures,
// for the notebook's self-checking claims. A [Gauge] counts how many tasks
// run at once, from the client's side.
package asyncio
