package run

import (
	"sync"
	"time"

	"concurrencylab/kernel-helpers/worker"
)

// processes runs the tasks on a pool of worker processes: s's own pool, or
// one started for the batch. As many goroutines as the pool has room for
// calls in flight feed it, so that every worker always has its next call
// waiting.
func (b *batch) processes(s Strategy) {
	pool := s.pool
	if pool == nil {
		var err error
		pool, err = worker.NewPool(b.ctx, s.n)
		if err != nil {
			b.failAll(err)
			return
		}
		defer pool.Close()
	}
	var wg sync.WaitGroup
	for range min(pool.Size()*pool.Depth(), len(b.tasks)) {
		wg.Go(func() {
			for {
				i, ok := b.take()
				if !ok {
					return
				}
				b.runInWorker(i, func(t Task, res *any) (worker.Info, error) {
					return pool.Call(b.ctx, t.Worker, t.Arg, res)
				})
			}
		})
	}
	wg.Wait()
}

// spawn runs each task in a process of its own, at most n at once.
func (b *batch) spawn(n int) {
	var wg sync.WaitGroup
	for range min(n, len(b.tasks)) {
		wg.Go(func() {
			for {
				i, ok := b.take()
				if !ok {
					return
				}
				b.runInWorker(i, func(t Task, res *any) (worker.Info, error) {
					return worker.Spawn(b.ctx, t.Worker, t.Arg, res)
				})
			}
		})
	}
	wg.Wait()
}

// runInWorker runs task i through call and records what the worker reports.
func (b *batch) runInWorker(i int, call func(Task, *any) (worker.Info, error)) {
	r := &b.recs[i]
	b.started[i] = true
	sent := time.Now()
	info, err := call(b.tasks[i], &r.Result)
	seen := time.Now()
	r.Err, r.PID, r.TID = err, info.PID, info.TID
	r.Start, r.End = info.Start, info.End
	if r.Start.IsZero() {
		r.Start, r.End = sent, seen
	}
	if err != nil {
		r.Result = nil
	}
}

// failAll gives every task the error that stopped the batch from starting.
func (b *batch) failAll(err error) {
	for i := range b.recs {
		b.started[i] = true
		b.recs[i].Err = err
	}
}
