package memory

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Private is how much of a process's memory is its own, as /proc tells it.
// RSS counts every page of the process in RAM, including the program's and
// libraries' file pages, which every copy of the same program shares: the
// cost of one more process is nearer RssAnon or PSS. All sizes are in bytes.
type Private struct {
	PID int
	// RSS is VmRSS, the whole resident memory (as [Usage].RSS).
	RSS int64
	// RssAnon is the resident anonymous memory (heap, stacks, data written
	// to): the pages no other process maps, apart from those a fork still
	// shares copy-on-write. RssFile is the resident file pages (the
	// program, its libraries), shared by every process that maps them.
	RssAnon, RssFile int64
	// PSS is the proportional set size from /proc/<pid>/smaps_rollup: each
	// page divided by the number of processes that map it, so that the PSS
	// of all processes adds up to the RAM they use. 0 when smaps_rollup
	// cannot be read (kernels before 4.14, or another user's process).
	PSS int64
}

// PrivateOf returns the private memory figures of process pid, from
// /proc/<pid>/status and /proc/<pid>/smaps_rollup.
func PrivateOf(pid int) (Private, error) {
	if pid <= 0 {
		return Private{}, fmt.Errorf("memory: invalid pid %d", pid)
	}
	dir := filepath.Join(procDir, strconv.Itoa(pid))
	status, err := os.ReadFile(filepath.Join(dir, "status"))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return Private{}, fmt.Errorf("memory: no process %d (or no /proc: this package needs Linux): %w", pid, err)
		}
		return Private{}, fmt.Errorf("memory: %w", err)
	}
	p := Private{PID: pid}
	kib, err := kibFields(status, "VmRSS", "RssAnon", "RssFile")
	if err != nil {
		return Private{}, fmt.Errorf("memory: /proc/%d/status: %w", pid, err)
	}
	p.RSS, p.RssAnon, p.RssFile = kib["VmRSS"]*1024, kib["RssAnon"]*1024, kib["RssFile"]*1024
	if rollup, err := os.ReadFile(filepath.Join(dir, "smaps_rollup")); err == nil {
		if kib, err := kibFields(rollup, "Pss"); err == nil {
			p.PSS = kib["Pss"] * 1024
		}
	}
	return p, nil
}

// PrivateSelf returns [PrivateOf] this process.
func PrivateSelf() (Private, error) { return PrivateOf(os.Getpid()) }

// kibFields reads "Name:   1234 kB" lines for the names asked, and fails
// when one is missing or not in kB (the kernel writes kB and means KiB).
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
			if err != nil || strings.TrimSpace(unit) != "kB" {
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
