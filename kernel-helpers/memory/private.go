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

// Private is how much of a process's memory is its own, as /proc tells it,
// in bytes. RSS counts in full every page of the process in RAM, including
// the program's and libraries' file pages, which the kernel keeps once for
// every process running the same binary: the cost of one more process is
// nearer RssAnon, PSS or USS.
type Private struct {
	PID int
	// RSS is VmRSS, the whole resident memory (as [Usage].RSS).
	RSS int64
	// RssAnon is the resident anonymous memory (heap, stacks, data written
	// to), shared or not: a forked child's copy-on-write pages count here.
	// RssFile is the resident file pages (the program, its libraries),
	// shared by every process that maps them. Both from /proc/<pid>/status.
	RssAnon, RssFile int64
	// PSS is the proportional set size: each resident page divided by the
	// number of processes that map it, so that the PSS of all processes
	// adds up to the RAM they use.
	PSS int64
	// USS is the unique set size: the resident pages no other process maps
	// (Private_Clean + Private_Dirty), what the kernel would free if the
	// process ended: the marginal cost of one more process.
	USS int64
	// Rollup says whether PSS and USS were read, from
	// /proc/<pid>/smaps_rollup: it needs Linux 4.14 or later and, for
	// another user's process, the right to trace it. Without it they are 0.
	Rollup bool
}

// PrivateOf returns the private memory figures of process pid: the
// status figures always, PSS and USS when smaps_rollup can be read (see
// [Private].Rollup). A pid that is not positive, or names no process (it
// has exited), is an error.
func PrivateOf(pid int) (Private, error) {
	status, err := readProc(pid, "status")
	if err != nil {
		return Private{}, err
	}
	kib, err := kibFields(status, "VmRSS", "RssAnon", "RssFile")
	if err != nil {
		return Private{}, fmt.Errorf("memory: the status of process %d: %w", pid, err)
	}
	p := Private{PID: pid, RSS: kib["VmRSS"] << 10, RssAnon: kib["RssAnon"] << 10, RssFile: kib["RssFile"] << 10}
	if rollup, err := readProc(pid, "smaps_rollup"); err == nil {
		if kib, err := kibFields(rollup, "Pss", "Private_Clean", "Private_Dirty"); err == nil {
			p.PSS, p.USS, p.Rollup = kib["Pss"]<<10, (kib["Private_Clean"]+kib["Private_Dirty"])<<10, true
		}
	}
	return p, nil
}

// PrivateSelf returns [PrivateOf] this process.
func PrivateSelf() (Private, error) { return PrivateOf(os.Getpid()) }

// privateWithUSS is [PrivateOf] for the measurements that need the USS.
func privateWithUSS(pid int) (Private, error) {
	p, err := PrivateOf(pid)
	if err == nil && !p.Rollup {
		err = fmt.Errorf("memory: the smaps_rollup of process %d cannot be read (it needs Linux 4.14 or later), so its private memory is unknown", pid)
	}
	return p, err
}

// readProc reads the file name of /proc/<pid>, with errors that name the
// process, not the path.
func readProc(pid int, name string) ([]byte, error) {
	if pid <= 0 {
		return nil, fmt.Errorf("memory: invalid pid %d: a process ID is a positive number", pid)
	}
	data, err := os.ReadFile(filepath.Join(procDir, strconv.Itoa(pid), name))
	var pe *fs.PathError
	switch {
	case err == nil:
		return data, nil
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("memory: no process %d (it has exited, or this is not Linux, which this package needs): %w", pid, fs.ErrNotExist)
	case errors.As(err, &pe):
		err = pe.Err
	}
	return nil, fmt.Errorf("memory: the %s of process %d: %w", name, pid, err)
}

// kibFields reads "Name:   1234 kB" lines for the names asked, and fails
// when one is missing or not a size in kB (the kernel writes kB and means
// KiB).
func kibFields(data []byte, names ...string) (map[string]int64, error) {
	out := map[string]int64{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		for _, n := range names {
			if key != n {
				continue
			}
			num, unit, _ := strings.Cut(strings.TrimSpace(value), " ")
			v, err := strconv.ParseInt(num, 10, 64)
			if err != nil || v < 0 || v > 1<<53 || strings.TrimSpace(unit) != "kB" {
				return nil, fmt.Errorf("%s %q is not a size in kB", n, strings.TrimSpace(value))
			}
			out[n] = v
		}
	}
	for _, n := range names {
		if _, ok := out[n]; !ok {
			return nil, fmt.Errorf("no %s line", n)
		}
	}
	return out, nil
}

// PrivatePerThread is [PerThread] measured in this process's private memory
// ([Private].USS) instead of its RSS: the rise per new OS thread of the
// pages only this process holds. Threads share their process's code and
// heap, so for threads the two figures are close; the private one is the
// same kind of figure as [PrivatePerProcess], so the two can be compared.
func PrivatePerThread(n int) (float64, error) {
	if n <= 0 || n > MaxThreads {
		return 0, fmt.Errorf("memory: cannot park %d threads: n must be in [1, %d]", n, MaxThreads)
	}
	before, threadsBefore, err := settledPrivate()
	if err != nil {
		return 0, err
	}
	p, err := ParkThreads(n)
	if err != nil {
		return 0, err
	}
	after, threadsAfter, err := settledPrivate()
	p.Release()
	if err != nil {
		return 0, err
	}
	threads := threadsAfter - threadsBefore
	if threads <= 0 {
		return 0, fmt.Errorf("memory: thread count did not rise with %d locked goroutines (%d → %d)", n, threadsBefore, threadsAfter)
	}
	if after.USS <= before.USS {
		return 0, fmt.Errorf("memory: private memory did not rise with %d new threads (%d → %d bytes); try a larger n", threads, before.USS, after.USS)
	}
	return float64(after.USS-before.USS) / float64(threads), nil
}

func settledPrivate() (Private, int, error) {
	u, err := settledSelf()
	if err != nil {
		return Private{}, 0, err
	}
	p, err := privateWithUSS(os.Getpid())
	return p, u.Threads, err
}

// PrivatePerProcess starts a [worker.Pool] of n idle worker processes, as
// [PerProcess] does, and returns their average [Private] figures (PID 0):
// the USS of each is what one more worker costs; its RSS counts the
// program's code again for every copy. Then it closes the pool.
func PrivatePerProcess(ctx context.Context, n int) (Private, error) {
	if ctx == nil {
		return Private{}, errors.New("memory: PrivatePerProcess needs a context, got nil")
	}
	if n <= 0 || n > MaxProcesses {
		return Private{}, fmt.Errorf("memory: cannot start %d processes: n must be in [1, %d]", n, MaxProcesses)
	}
	pool, err := worker.NewPool(ctx, n)
	if err != nil {
		return Private{}, fmt.Errorf("memory: %w", err)
	}
	defer pool.Close()
	pids := pool.PIDs()
	if err := callEach(ctx, pool, pids); err != nil {
		return Private{}, err
	}
	sum := Private{Rollup: true}
	for _, pid := range pids {
		u, err := Of(pid)
		if err != nil {
			return Private{}, err
		}
		if u.PPID != os.Getpid() {
			return Private{}, fmt.Errorf("memory: process %d is not a child of this process", pid)
		}
		p, err := privateWithUSS(pid)
		if err != nil {
			return Private{}, err
		}
		sum.RSS += p.RSS
		sum.RssAnon += p.RssAnon
		sum.RssFile += p.RssFile
		sum.PSS += p.PSS
		sum.USS += p.USS
	}
	k := int64(len(pids))
	return Private{RSS: sum.RSS / k, RssAnon: sum.RssAnon / k, RssFile: sum.RssFile / k, PSS: sum.PSS / k, USS: sum.USS / k, Rollup: true}, nil
}
