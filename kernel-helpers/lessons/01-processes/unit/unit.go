package unit

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"syscall"
	"time"

	"concurrencylab/kernel-helpers/claims"
	"concurrencylab/kernel-helpers/memory"
)

// Busy is what [Spin] saw.
type Busy struct {
	Goroutines int
	// Threads is the process's OS thread count while the goroutines spun.
	Threads int
	// Wall is how long they spun; CPU the user+system time the whole
	// process used meanwhile.
	Wall, CPU time.Duration
}

// MaxGoroutines and MaxSpin bound Spin's arguments.
const (
	MaxGoroutines = 1024
	MaxSpin       = time.Minute
)

// Spin keeps n goroutines busy for about d (or until ctx ends) and returns
// the process's threads and CPU time over that while. It returns an error
// for a nil ctx, n or d out of range, or ctx ending first.
func Spin(ctx context.Context, n int, d time.Duration) (Busy, error) {
	if ctx == nil {
		return Busy{}, errors.New("unit: Spin needs a context, got nil")
	}
	if n < 1 || n > MaxGoroutines || d <= 0 || d > MaxSpin {
		return Busy{}, fmt.Errorf("unit: Spin needs 1 ≤ n ≤ %d goroutines and 0 < d ≤ %v, got %d and %v", MaxGoroutines, MaxSpin, n, d)
	}
	before, err := cpuTime()
	if err != nil {
		return Busy{}, err
	}
	start := time.Now()
	deadline := start.Add(d)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for time.Now().Before(deadline) && ctx.Err() == nil {
				for i := 0; i < 10_000; i++ {
					runtime.KeepAlive(i)
				}
			}
		})
	}
	half := time.NewTimer(d / 2) // count the threads halfway, while they spin
	select {
	case <-half.C:
	case <-ctx.Done():
		half.Stop()
	}
	u, uerr := memory.Self()
	wg.Wait()
	wall := time.Since(start)
	after, err := cpuTime()
	switch {
	case ctx.Err() != nil:
		return Busy{}, fmt.Errorf("unit: %w", ctx.Err())
	case uerr != nil:
		return Busy{}, fmt.Errorf("unit: %w", uerr)
	case err != nil:
		return Busy{}, err
	}
	return Busy{Goroutines: n, Threads: u.Threads, Wall: wall, CPU: after - before}, nil
}

// cpuTime is this process's user+system CPU time so far.
func cpuTime() (time.Duration, error) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, fmt.Errorf("unit: getrusage: %w", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), nil
}

// CPUPerWall is the CPU seconds used per second of wall time.
func (b Busy) CPUPerWall() float64 {
	if b.Wall <= 0 {
		return 0
	}
	return float64(b.CPU) / float64(b.Wall)
}

// String says what Spin saw in a sentence.
func (b Busy) String() string {
	return fmt.Sprintf("%d busy goroutines for %v: the process had %d OS threads and used %.2f s of CPU per second of wall time.",
		b.Goroutines, b.Wall.Round(time.Millisecond), b.Threads, b.CPUPerWall())
}

// Figures are the Go figures of claim 004-smallest-unit (package claims):
// "go.threads", "go.cpu_per_wall" and "cores" (GOMAXPROCS now).
func (b Busy) Figures() claims.Figures {
	return claims.Figures{"go.threads": float64(b.Threads), "go.cpu_per_wall": b.CPUPerWall(), "cores": float64(runtime.GOMAXPROCS(0))}
}
