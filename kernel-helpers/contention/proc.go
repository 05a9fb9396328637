package contention

import (
	"bufio"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ticksPerSecond is USER_HZ, the unit of the CPU times in /proc/stat and
// /proc/[pid]/stat: 100 on every Linux architecture Go supports (the
// kernel's ABI fixes it, whatever the kernel's own HZ; see proc(5)).
const ticksPerSecond = 100

// gonbName is the command name of a GoNB kernel process (the kernel, not
// the programs it runs for each cell).
const gonbName = "gonb"

// proc is one process as /proc/[pid]/stat shows it.
type proc struct {
	ppid  int
	comm  string
	state byte
	ticks uint64 // utime + stime
	// children is cutime + cstime: the CPU time of the children the process
	// has waited for, counted for this program's own process only.
	children uint64
}

// cpuTimes are the machine-wide CPU times of the "cpu" line of /proc/stat.
type cpuTimes struct {
	busy, steal, total uint64
}

// look is the machine at one instant.
type look struct {
	at      time.Time
	cpu     cpuTimes
	running int // procs_running
	load1   float64
	self    int
	procs   map[int]proc
	// threadRunnable reports whether any thread of the process is runnable
	// now; nil in tests, where the main thread's state stands for all.
	threadRunnable func(pid int) bool
}

// procRoot is where /proc is; tests may point it elsewhere.
var procRoot = "/proc"

// see reads the machine now.
func see() (*look, error) {
	l := &look{at: time.Now(), self: os.Getpid(), procs: map[int]proc{}, threadRunnable: threadRunnable}
	stat, err := os.ReadFile(procRoot + "/stat")
	if err != nil {
		return nil, err
	}
	if l.cpu, l.running, err = parseStat(stat); err != nil {
		return nil, err
	}
	if avg, err := os.ReadFile(procRoot + "/loadavg"); err == nil {
		l.load1, _ = parseLoad(avg)
	}
	d, err := os.Open(procRoot)
	if err != nil {
		return nil, err
	}
	names, err := d.Readdirnames(-1)
	d.Close()
	if err != nil {
		return nil, err
	}
	buf := make([]byte, 1024)
	for _, n := range names {
		pid, err := strconv.Atoi(n)
		if err != nil {
			continue
		}
		p, err := readProc(procRoot+"/"+n+"/stat", buf)
		if err != nil {
			continue // it ended while we looked, or is not ours to read
		}
		l.procs[pid] = p
	}
	if _, ok := l.procs[l.self]; !ok {
		return nil, errors.New("contention: this process is not in " + procRoot)
	}
	return l, nil
}

// threadRunnable reports whether a thread of the process is runnable: the
// state in /proc/[pid]/stat is its main thread's only, and a Go program's
// busy goroutines often run on other threads.
func threadRunnable(pid int) bool {
	dir := fmt.Sprintf("%s/%d/task", procRoot, pid)
	d, err := os.Open(dir)
	if err != nil {
		return false
	}
	names, _ := d.Readdirnames(-1)
	d.Close()
	buf := make([]byte, 1024)
	for _, n := range names {
		if p, err := readProc(dir+"/"+n+"/stat", buf); err == nil && p.state == 'R' {
			return true
		}
	}
	return false
}

func readProc(path string, buf []byte) (proc, error) {
	f, err := os.Open(path)
	if err != nil {
		return proc{}, err
	}
	defer f.Close()
	n, err := f.Read(buf)
	if err != nil {
		return proc{}, err
	}
	return parseProcStat(buf[:n])
}

// parseStat reads the "cpu" line and procs_running of /proc/stat.
func parseStat(data []byte) (cpuTimes, int, error) {
	var c cpuTimes
	running := -1
	seenCPU := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		switch fields[0] {
		case "cpu":
			// user nice system idle iowait irq softirq steal guest guest_nice;
			// guest time is already inside user and nice.
			var v [8]uint64
			for i := 0; i < 8 && i+1 < len(fields); i++ {
				x, err := strconv.ParseUint(fields[i+1], 10, 64)
				if err != nil {
					return c, 0, fmt.Errorf("contention: /proc/stat cpu line: %w", err)
				}
				v[i] = x
			}
			c.busy = v[0] + v[1] + v[2] + v[5] + v[6]
			c.steal = v[7]
			c.total = v[0] + v[1] + v[2] + v[3] + v[4] + v[5] + v[6] + v[7]
			seenCPU = true
		case "procs_running":
			if len(fields) > 1 {
				running, _ = strconv.Atoi(fields[1])
			}
		}
	}
	if !seenCPU || running < 0 {
		return c, 0, errors.New("contention: /proc/stat has no cpu or procs_running line")
	}
	return c, running, nil
}

// parseLoad reads the one-minute load average of /proc/loadavg.
func parseLoad(data []byte) (float64, error) {
	f := strings.Fields(string(data))
	if len(f) == 0 {
		return 0, errors.New("contention: empty /proc/loadavg")
	}
	return strconv.ParseFloat(f[0], 64)
}

// parseProcStat reads /proc/[pid]/stat: "pid (comm) state ppid ...", where
// comm may hold spaces and parentheses, so the fields after it are found
// from the last ')'. utime, stime, cutime, cstime are fields 14 to 17.
func parseProcStat(data []byte) (proc, error) {
	open := bytes.IndexByte(data, '(')
	end := bytes.LastIndexByte(data, ')')
	if open < 0 || end < open {
		return proc{}, errors.New("contention: malformed /proc/[pid]/stat")
	}
	rest := strings.Fields(string(data[end+1:]))
	// rest[0] is field 3 (state); field k is rest[k-3].
	if len(rest) < 15 || len(rest[0]) != 1 {
		return proc{}, errors.New("contention: short /proc/[pid]/stat")
	}
	num := func(k int) uint64 { v, _ := strconv.ParseUint(rest[k-3], 10, 64); return v }
	ppid, _ := strconv.Atoi(rest[1])
	return proc{ppid: ppid, comm: string(data[open+1 : end]), state: rest[0][0],
		ticks: num(14) + num(15), children: num(16) + num(17)}, nil
}

// family returns this program's processes: itself, the processes it runs
// under (its ancestors: a notebook cell's GoNB kernel and server) and its
// descendants, from the parent links of both looks.
func family(self int, looks ...*look) map[int]bool {
	parent := map[int]int{}
	for _, l := range looks {
		for pid, p := range l.procs {
			parent[pid] = p.ppid
		}
	}
	fam := map[int]bool{self: true}
	root := self // the GoNB kernel this program runs under, if any
	for p := parent[self]; p > 1 && !fam[p]; p = parent[p] {
		fam[p] = true
		if looks[len(looks)-1].procs[p].comm == gonbName {
			root = p
		}
	}
	// Under a GoNB kernel, the kernel's other children (gopls, the go
	// command that built the cell) are the notebook's own machinery, not
	// another program; other kernels (other learners) stay "other".
	for pid := range parent {
		if isDescendant(pid, root, parent) {
			fam[pid] = true
		}
	}
	return fam
}

// isDescendant reports whether pid is self or below it (not one of self's
// ancestors, whose other children are other programs). The walk is bounded:
// pid reuse between the two looks could make a cycle.
func isDescendant(pid, self int, parent map[int]int) bool {
	for p, n := pid, 0; p > 1 && n < 1<<12; p, n = parent[p], n+1 {
		if p == self {
			return true
		}
	}
	return false
}

// between computes the sample from two looks, a before b.
func between(a, b *look, cores int) Sample {
	s := Sample{Known: true, Cores: cores, Window: b.at.Sub(a.at), Load1: b.load1}
	// The thread that looked was running at each look.
	s.Runnable = max(a.running, b.running) - 1
	if total := b.cpu.total - a.cpu.total; b.cpu.total > a.cpu.total {
		s.Steal = float64(b.cpu.steal-a.cpu.steal) / float64(total)
	}
	fam := family(a.self, a, b)
	seconds := s.Window.Seconds()
	var ours uint64
	type busy struct {
		comm  string
		ticks uint64
	}
	var others []busy
	for pid, pb := range b.procs {
		pa, before := a.procs[pid]
		var d uint64
		if before && pb.ticks >= pa.ticks {
			d = pb.ticks - pa.ticks
		} else if !before {
			d = pb.ticks
		}
		if fam[pid] {
			ours += d
			if pid == a.self && before && pb.children >= pa.children {
				ours += pb.children - pa.children
			}
			continue
		}
		if pb.comm == gonbName {
			s.OtherKernels++
		}
		used := float64(d) / ticksPerSecond
		runStart := before && pa.state == 'R'
		runEnd := func() bool {
			return pb.state == 'R' || (b.threadRunnable != nil && b.threadRunnable(pid))
		}
		// Busy means it used the CPU during the window. A process merely
		// runnable at one look (a daemon waking for a moment) is not; in a
		// window too short to measure its CPU it must be runnable at both.
		var isBusy bool
		if s.Window < ShortWindow {
			isBusy = runStart && runEnd()
		} else {
			isBusy = seconds > 0 && used >= BusyShare*seconds
		}
		if isBusy {
			others = append(others, busy{pb.comm, d})
			s.busyPIDs = append(s.busyPIDs, pid)
		}
	}
	s.Busy = len(others)
	slices.SortFunc(others, func(x, y busy) int { return cmp.Or(cmp.Compare(y.ticks, x.ticks), cmp.Compare(x.comm, y.comm)) })
	for _, o := range others[:min(3, len(others))] {
		s.Names = append(s.Names, o.comm)
	}
	if seconds > 0 && b.cpu.busy > a.cpu.busy {
		all := b.cpu.busy - a.cpu.busy
		if all > ours {
			s.OthersCPU = float64(all-ours) / ticksPerSecond / seconds
		}
		s.OthersCPU = min(s.OthersCPU, float64(cores))
	}
	return s
}
