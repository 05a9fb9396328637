package worker

import (
	"fmt"
	"sync"
	"syscall"
)

// maxWorkersCap is the most worker processes one pool may have, whatever
// the machine: the course's experiments use at most a few per core, and
// each worker is a whole Go program (several MiB of private memory), so a
// typo such as 1e12 must fail before a single process is started. It is the
// same as [concurrencylab/kernel-helpers/run.MaxProcesses].
const maxWorkersCap = 256

// fdsPerWorker is how many file descriptors the parent holds per worker:
// its stdin, stdout and stderr pipes.
const fdsPerWorker = 3

// limits reads this process's resource limits once.
var limits = sync.OnceValues(func() (nofile, nproc uint64) {
	var r syscall.Rlimit
	nofile, nproc = 1<<20, 1<<20
	if syscall.Getrlimit(syscall.RLIMIT_NOFILE, &r) == nil {
		nofile = r.Cur
	}
	// RLIMIT_NPROC is 6 on Linux; package syscall does not name it.
	const rlimitNproc = 6
	if syscall.Getrlimit(rlimitNproc, &r) == nil {
		nproc = r.Cur
	}
	return nofile, nproc
})

// MaxWorkers is the most workers [NewPool] starts in one pool on this
// machine: 256, or fewer when this process's limits on open files
// (RLIMIT_NOFILE, three pipes per worker, a quarter of the limit kept for
// the rest of the program) or on processes (RLIMIT_NPROC, half of it) are
// lower.
func MaxWorkers() int {
	nofile, nproc := limits()
	n := uint64(maxWorkersCap)
	n = min(n, nofile*3/4/fdsPerWorker)
	n = min(n, nproc/2)
	return int(max(n, 1))
}

func maxWorkersWhy() string {
	nofile, nproc := limits()
	switch n := MaxWorkers(); {
	case n < maxWorkersCap && uint64(n) == nofile*3/4/fdsPerWorker:
		return fmt.Sprintf("each worker holds %d pipes and the open-file limit (ulimit -n) is %d", fdsPerWorker, nofile)
	case n < maxWorkersCap && uint64(n) == nproc/2:
		return fmt.Sprintf("the process limit (ulimit -u) is %d", nproc)
	}
	return fmt.Sprintf("each worker is a whole process; the course never needs more than %d", maxWorkersCap)
}
