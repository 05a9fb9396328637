// Package exercises holds the checks of notebook 05's exercises (see package
// concurrencylab/kernel-helpers/exercise): FirstErrorCancels (asyncio's
// TaskGroup in Go: the first error cancels the other tasks, and every task
// has ended when the group returns), WaitFor (asyncio.wait_for in Go: a
// timeout that never leaves the call running) and FirstAnswer (the hedged
// request: keep the first good answer, cancel and wait for the rest). The
// solutions are in notebooks/solutions/, one file per exercise ID.
package exercises
