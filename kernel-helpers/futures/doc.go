// Package futures is the Go analog of Python's concurrent.futures: submit a
// task to a pool, get a [Future] back at once, and collect its result later,
// one by one, all together ([Wait]) or in the order the tasks finish
// ([AsCompleted]).
//
// Two pools play the parts of Python's two executors:
//   - [GoroutinePool] runs Go functions on n goroutines, like
//     ThreadPoolExecutor(max_workers=n) runs them on n threads;
//   - [ProcessPool] runs tasks in n worker processes, like
//     ProcessPoolExecutor(max_workers=n). A function cannot travel to another
//     process, so a task is named, as pickle names a function: it is
//     registered with
//     [concurrencylab/kernel-helpers/worker.Register] in the
//     program, and the worker process, a copy of the same program, looks
//     it up by that name. Arguments and results travel as JSON.
//
// The Python code
//
//	with ThreadPoolExecutor(max_workers=4) as ex:
//	    futs = [ex.submit(fetch, url) for url in urls]
//	    for f in as_completed(futs):
//	        print(f.result())
//
// reads in Go
//
//	pool, err := futures.NewGoroutinePool(4)
//	if err != nil { ... }
//	defer pool.Close()
//	var futs []*futures.Future[int]
//	for _, url := range urls {
//	    futs = append(futs, futures.Submit(ctx, pool, func(ctx context.Context) (int, error) {
//	        return latency.Fetch(ctx, client, url)
//	    }))
//	}
//	for i, f := range futures.AsCompleted(ctx, futs) {
//	    n, err := f.Wait()
//	    fmt.Println(urls[i], n, err)
//	}
//
// Pools run tasks in the order they were submitted, as many at once as they
// have workers; Submit never blocks, like Python's, because the queue of
// waiting tasks has no limit. Errors never panic: a nil function, a task
// submitted after Close or with a context already cancelled, and a task that
// panics all give a Future whose Wait returns the error.
//
// In Python, threads do not help CPU-bound tasks because of the GIL, which
// is why ProcessPoolExecutor exists. Go has no GIL: a GoroutinePool runs
// CPU-bound tasks on every core, and the process pool shows what processes
// cost (start-up, memory, copying every argument and result) rather than
// what they win.
package futures
