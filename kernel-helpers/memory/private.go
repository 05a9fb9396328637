package memory

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"concurrencylab/kernel-helpers/worker"
)

// Rollup is what /proc/<pid>/smaps_rollup (Linux 4.14 and later) says about
// one process's memory, in bytes. It answers what [Usage.RSS] cannot: how
// much of a process's memory is its own. RSS counts in full every page the
// process maps, including the program's code and libraries, which the kernel
// keeps once in RAM for every process running the same binary.
type Rollup struct {
	PID int
	// RSS is the resident set size, as [Usage.RSS].
	RSS int64
	// PSS is the proportional set size: each resident page divided by the
	// number of processes that map it. The PSS of all processes adds up to
	// the RAM they use.
	PSS int64
	// Private is the unique set size (USS): resident pages no other process
	// maps (Private_Clean + Private_Dirty), what the kernel would free if
	// the process ended: the marginal cost of one more process.
	Private int64
	// Anonymous is the resident memory not backed by a file (heap, stacks),
	// shared or not: a forked child's copy-on-write pages count here.
	Anonymous int64
}

// RollupOf reads /proc/<pid>/smaps_rollup. Reading another user's process
// needs the right to trace it; a worker this program started is fine.
func RollupOf(pid int) (Rollup, error) {
	if pid <= 0 {
		return Rollup{}, fmt.Errorf("memory: invalid pid %d", pid)
	}
	data, err := os.ReadFile(filepath.Join(procDir, strconv.Itoa(pid), "smaps_rollup"))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return Rollup{}, fmt.Errorf("memory: no smaps_rollup for process %d (it exited, or this is not Linux 4.14+): %w", pid, fs.ErrNotExist)
		}
		return Rollup{}, fmt.Errorf("memory: smaps_rollup of %d: %w", pid, errors.Unwrap(err))
	}
	r, err := parseRollup(data)
	if err != nil {
		return Rollup{}, fmt.Errorf("memory: /proc/%d/smaps_rollup: %w", pid, err)
	}
	r.PID = pid
	return r, nil
}

// parseRollup reads lines such as "Private_Dirty:       116 kB".
func parseRollup(data []byte) (Rollup, error) {
	var r Rollup
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		var dst *int64
		switch key {
		case "Rss":
			dst = &r.RSS
		case "Pss":
			dst = &r.PSS
		case "Private_Clean", "Private_Dirty":
			dst = &r.Private
		case "Anonymous":
			dst = &r.Anonymous
		default:
			continue
		}
		num, unit, _ := strings.Cut(strings.TrimSpace(value), " ")
		if unit != "kB" {
			return Rollup{}, fmt.Errorf("%s %q is not in kB", key, strings.TrimSpace(value))
		}
		kib, err := strconv.ParseInt(num, 10, 64)
		if err != nil || kib < 0 {
			return Rollup{}, fmt.Errorf("%s %q is not a size", key, num)
		}
		*dst += kib * 1024 // the kernel writes kB and means KiB
		seen[key] = true
	}
	for _, key := range []string{"Rss", "Pss", "Private_Clean", "Private_Dirty", "Anonymous"} {
		if !seen[key] {
			return Rollup{}, fmt.Errorf("no %s line", key)
		}
	}
	return r, nil
}

// PrivatePerThread is [PerThread] measured in this process's private memory
// ([Rollup.Private]) instead of its RSS: the rise per new OS thread of the
// pages only this process holds. Threads share their process's code and
// heap, so for threads the two figures are close; the private one is the
// same kind of figure as [PrivatePerProcess], so the two can be compared.
func PrivatePerThread(n int) (float64, error) {
	if n <= 0 || n > MaxThreads {
		return 0, fmt.Errorf("memory: cannot park %d threads: n must be in [1, %d]", n, MaxThreads)
	}
	before, threadsBefore, err := settledRollup()
	if err != nil {
		return 0, err
	}
	p, err := ParkThreads(n)
	if err != nil {
		return 0, err
	}
	after, threadsAfter, err := settledRollup()
	p.Release()
	if err != nil {
		return 0, err
	}
	threads := threadsAfter - threadsBefore
	if threads <= 0 {
		return 0, fmt.Errorf("memory: thread count did not rise with %d locked goroutines (%d → %d)", n, threadsBefore, threadsAfter)
	}
	if after.Private <= before.Private {
		return 0, fmt.Errorf("memory: private memory did not rise with %d new threads (%d → %d bytes); try a larger n", threads, before.Private, after.Private)
	}
	return float64(after.Private-before.Private) / float64(threads), nil
}

func settledRollup() (Rollup, int, error) {
	u, err := settledSelf()
	if err != nil {
		return Rollup{}, 0, err
	}
	r, err := RollupOf(os.Getpid())
	return r, u.Threads, err
}

// PrivatePerProcess starts a [worker.Pool] of n idle worker processes, as
// [PerProcess] does, and returns their average [Rollup] (PID 0): the
// private memory of each is what one more worker costs; its RSS counts the
// program's code again for every copy. Then it closes the pool.
func PrivatePerProcess(ctx context.Context, n int) (Rollup, error) {
	if ctx == nil {
		return Rollup{}, errors.New("memory: PrivatePerProcess needs a context, got nil")
	}
	if n <= 0 || n > MaxProcesses {
		return Rollup{}, fmt.Errorf("memory: cannot start %d processes: n must be in [1, %d]", n, MaxProcesses)
	}
	pool, err := worker.NewPool(ctx, n)
	if err != nil {
		return Rollup{}, fmt.Errorf("memory: %w", err)
	}
	defer pool.Close()
	pids := pool.PIDs()
	if err := callEach(ctx, pool, pids); err != nil {
		return Rollup{}, err
	}
	var sum Rollup
	for _, pid := range pids {
		u, err := Of(pid)
		if err != nil {
			return Rollup{}, err
		}
		if u.PPID != os.Getpid() {
			return Rollup{}, fmt.Errorf("memory: process %d is not a child of this process", pid)
		}
		r, err := RollupOf(pid)
		if err != nil {
			return Rollup{}, err
		}
		sum.RSS += r.RSS
		sum.PSS += r.PSS
		sum.Private += r.Private
		sum.Anonymous += r.Anonymous
	}
	k := int64(len(pids))
	return Rollup{RSS: sum.RSS / k, PSS: sum.PSS / k, Private: sum.Private / k, Anonymous: sum.Anonymous / k}, nil
}
