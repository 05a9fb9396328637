// Package cancellation is the honest answer to "threads cannot be killed":
// neither can goroutines. Go has no function that stops another goroutine;
// a goroutine stops when it returns. What Go offers instead is a way to ask:
// a [context.Context] that is cancelled, and code that checks it.
//
// A CPU-bound loop that looks at ctx.Done() every so often stops soon after
// cancel() is called: within the time one stretch of work between two checks
// takes. [StopLatency] measures that delay for a loop that checks every k
// iterations, and [Sweep] for several k: the rarer the checks, the longer a
// cancelled goroutine runs on.
//
// A loop that never checks cannot be stopped at all. [Ignore] starts one,
// cancels its context, shows it still running and still making progress
// afterwards, and then waits for it to finish its work on its own: the only
// way it ends, short of ending the whole process (os.Exit, or a kill from
// outside). Python's threads are the same: threading has no kill either,
// and a well-behaved thread checks an Event; [CPython] measures that in real
// CPython (cpython/py/nb02_stop.py) and [CompareStops] runs both sides.
// Processes are different: the kernel can kill a process whatever it is
// doing, but that is not automatically safe either: the Python docs warn
// that terminating a process that uses a Queue or Pipe can corrupt it, and
// one killed while holding a lock can leave the others deadlocked; a file
// it was writing can be left half-written.
//
// Every function here waits for the goroutines it starts before it
// returns, even the one that ignores cancellation, so none is leaked.
package cancellation
