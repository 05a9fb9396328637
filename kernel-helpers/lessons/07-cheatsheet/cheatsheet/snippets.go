package cheatsheet

// The snippets of the cheat sheet: each function is one row's Go, shown in
// the notebook from this file (embedded) and compiled with the package, so
// a snippet that stops compiling stops the build. The tests run each one.

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"

	"concurrencylab/kernel-helpers/futures"
	"concurrencylab/kernel-helpers/worker"
)

func threadToGoroutine(ctx context.Context) error {
	squares := make([]int, 4)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() { squares[i] = i * i }) // Thread(target=...).start(); each writes its own slot
	}
	wg.Wait() // t.join() for every thread
	return nil
}

func lockToMutex(ctx context.Context) error {
	var mu sync.Mutex // threading.Lock()
	total := 0
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			mu.Lock() // with lock:
			defer mu.Unlock()
			total++
		})
	}
	wg.Wait()
	return nil
}

// account has no RLock: Deposit locks, deposit expects the lock held.
type account struct {
	mu      sync.Mutex
	balance int
}

func (a *account) Deposit(n int) {
	a.mu.Lock() // locking again in this goroutine would deadlock
	defer a.mu.Unlock()
	a.deposit(n)
}

func (a *account) deposit(n int) { a.balance += n } // the caller holds a.mu

func eventToChannel(ctx context.Context) error {
	ready := make(chan struct{}) // threading.Event()

	// ev.set(): wakes every waiter, now and later; a second close panics.
	go close(ready)
	select {
	case <-ready: // ev.wait(timeout=1) returned True
		return nil
	case <-time.After(time.Second):
		return errors.New("timed out")
	}
}

func queueToChannel(ctx context.Context) error {
	q := make(chan int, 8) // queue.Queue(maxsize=8)
	sum := 0
	var wg sync.WaitGroup
	wg.Go(func() {
		for n := range q { // q.get() until q is closed: no sentinel needed
			sum += n
		}
	})
	for i := range 10 {
		q <- i // q.put(i) blocks while 8 items wait
	}
	close(q)
	wg.Wait() // the consumer is done, like q.join()
	return nil
}

func processToExec(ctx context.Context) error {
	// A child process, killed if ctx ends first.
	cmd := exec.CommandContext(ctx, "go", "version")
	out, err := cmd.Output() // start it, read its stdout, wait for its exit
	if err != nil {
		return fmt.Errorf("child: %w", err)
	}
	_ = out
	return nil
}

func poolToWorkerPool(ctx context.Context) error {
	pool, err := worker.NewPool(ctx, 2) // multiprocessing.Pool(2): two copies of this program
	if err != nil {
		return err
	}
	defer pool.Close()
	var n int64
	_, err = pool.Call(ctx, "count", 1000, &n) // pool.apply(count, (1000,)): a task by name, JSON both ways
	return err
}

func valueToAtomic(ctx context.Context) error {
	var hits atomic.Int64 // Value('q', 0), but goroutines share this process's memory
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() { hits.Add(1) }) // one indivisible step; v.value += 1 needs v.get_lock()
	}
	wg.Wait()
	return nil
}

func mpQueueToChannel(ctx context.Context) error {
	results := make(chan int) // multiprocessing.Queue(): here nothing is pickled
	for i := range 4 {
		go func() { results <- i * i }() // each worker puts its result
	}
	sum := 0
	for range 4 {
		sum += <-results // results.get()
	}
	return nil
}

func threadPoolToFutures(ctx context.Context) error {
	pool, err := futures.NewGoroutinePool(4) // ThreadPoolExecutor(max_workers=4)
	if err != nil {
		return err
	}
	defer pool.Close()
	// f = ex.submit(fn)
	f := futures.Submit(ctx, pool, func(ctx context.Context) (int, error) { return 6 * 7, nil })
	_, err = f.Wait() // f.result()
	return err
}

func processPoolToFutures(ctx context.Context) error {
	pool, err := futures.NewProcessPool(ctx, 2) // ProcessPoolExecutor(max_workers=2)
	if err != nil {
		return err
	}
	defer pool.Close()
	f := futures.SubmitTask[int64](ctx, pool, "count", 1000) // ex.submit(count, 1000): by name
	_, err = f.Wait()
	return err
}

func asCompleted(ctx context.Context) error {
	pool, err := futures.NewGoroutinePool(4)
	if err != nil {
		return err
	}
	defer pool.Close()
	var futs []*futures.Future[int]
	for i := range 4 {
		futs = append(futs, futures.Submit(ctx, pool, func(ctx context.Context) (int, error) { return i, nil }))
	}
	for _, f := range futures.AsCompleted(ctx, futs) { // for f in as_completed(futs):
		if _, err := f.Wait(); err != nil {
			return err
		}
	}
	return nil
}

func createTask(ctx context.Context) error {
	// The task's result; buffered, so the goroutine never blocks on it.
	result := make(chan int, 1)

	go func() { result <- 6 * 7 }() // asyncio.create_task(coro()): no event loop needed
	select {
	case <-result: // await task
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// step stands for one task: it waits a millisecond, or less if ctx ends.
func step(ctx context.Context, i int) error { return sleep(ctx, time.Millisecond) }

// sleep waits for d, or returns ctx's error if ctx ends first.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func gather(ctx context.Context) error {
	errs := make([]error, 3)
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Go(func() { errs[i] = step(ctx, i) }) // a failure cancels no one, as in gather
	}
	// Waits for all. gather raises the first error at once and leaves the
	// rest running; this returns every error, like return_exceptions=True.
	wg.Wait()
	return errors.Join(errs...)
}

func taskGroup(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx) // async with asyncio.TaskGroup() as tg:
	for i := range 3 {
		g.Go(func() error { return step(ctx, i) }) // tg.create_task(...); the first error cancels ctx
	}
	return g.Wait() // the first error only; TaskGroup raises an ExceptionGroup of all
}

func waitFor(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Millisecond) // asyncio.wait_for(work(), timeout=0.01)
	defer cancel()
	// The work stops only because it watches ctx.Done(): nothing is cancelled from outside.
	err := sleep(ctx, time.Second)
	if errors.Is(err, context.DeadlineExceeded) { // except TimeoutError:
		return nil // timed out, as planned here
	}
	return err
}

func semaphoreWeighted(ctx context.Context) error {
	sem := semaphore.NewWeighted(2) // asyncio.Semaphore(2)
	var wg sync.WaitGroup
	defer wg.Wait()
	for i := range 5 {
		if err := sem.Acquire(ctx, 1); err != nil { // async with sem: waits, unless ctx ends
			return err
		}
		wg.Go(func() {
			defer sem.Release(1)
			_ = step(ctx, i)
		})
	}
	return nil
}

func errgroupLimit(ctx context.Context) error {
	var g errgroup.Group
	g.SetLimit(2) // at most 2 at once: g.Go blocks until one ends
	for i := range 5 {
		g.Go(func() error { return step(ctx, i) })
	}
	return g.Wait()
}

func firstCompleted(ctx context.Context) error {
	a, b := make(chan string, 1), make(chan string, 1)
	go func() { a <- "mirror a" }()
	go func() { b <- "mirror b" }()
	select { // asyncio.wait({ta, tb}, return_when=FIRST_COMPLETED)
	case <-a:
	case <-b:
	case <-ctx.Done():
		return ctx.Err()
	}
	return nil
}
