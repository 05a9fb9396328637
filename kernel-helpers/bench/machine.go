package bench

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
)

// UnknownCPU is [MachineInfo].CPU when the model cannot be found.
const UnknownCPU = "unknown CPU"

// MachineInfo describes the machine a measurement was taken on, so that a
// reader can tell why their timings differ from the ones in a notebook.
//
// It deliberately holds no host name, user name or path: notebook outputs
// are committed and published.
type MachineInfo struct {
	// CPU is the processor model, e.g. "Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz",
	// or [UnknownCPU].
	CPU string `json:"cpu"`
	// LogicalCores is [runtime.NumCPU]: the hardware threads this process may use.
	LogicalCores int `json:"logical_cores"`
	// GOMAXPROCS is how many of them run Go code at once ([runtime.GOMAXPROCS]),
	// read when Machine was called.
	GOMAXPROCS int `json:"gomaxprocs"`
	// GoVersion is [runtime.Version], e.g. "go1.26.8".
	GoVersion string `json:"go_version"`
	// OS and Arch are [runtime.GOOS] and [runtime.GOARCH].
	OS   string `json:"os"`
	Arch string `json:"arch"`
}

// Machine describes the machine this program runs on.
func Machine() MachineInfo {
	return MachineInfo{
		CPU:          cpuModel(),
		LogicalCores: runtime.NumCPU(),
		GOMAXPROCS:   runtime.GOMAXPROCS(0),
		GoVersion:    runtime.Version(),
		OS:           runtime.GOOS,
		Arch:         runtime.GOARCH,
	}
}

// String returns a one-line description such as
//
//	Intel(R) Xeon(R) Processor, 2 logical cores, GOMAXPROCS=2, go1.26.8 linux/amd64
func (m MachineInfo) String() string {
	return fmt.Sprintf("%s, %d logical %s, GOMAXPROCS=%d, %s %s/%s",
		m.CPU, m.LogicalCores, plural(m.LogicalCores, "core", "cores"), m.GOMAXPROCS, m.GoVersion, m.OS, m.Arch)
}

// Markdown returns the description as a small Markdown table, for a
// notebook's results header.
func (m MachineInfo) Markdown() string {
	var b strings.Builder
	b.WriteString("| Machine | |\n|---|---|\n")
	row := func(k, v string) {
		// A '|' in a value would end the cell early.
		fmt.Fprintf(&b, "| %s | %s |\n", k, strings.ReplaceAll(v, "|", `\|`))
	}
	row("CPU", m.CPU)
	row("Logical cores", fmt.Sprint(m.LogicalCores))
	row("GOMAXPROCS", fmt.Sprint(m.GOMAXPROCS))
	row("Go", m.GoVersion)
	row("OS/arch", m.OS+"/"+m.Arch)
	return b.String()
}

// cpuModel asks the system for the processor model (sysctl on macOS,
// /proc/cpuinfo on Linux) and returns UnknownCPU when neither answers.
func cpuModel() string {
	if s := sysctlCPU(); s != "" {
		return s
	}
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return UnknownCPU
	}
	defer f.Close()
	return parseCPUInfo(f)
}

// cpuInfoKeys are the /proc/cpuinfo fields that name the processor, best
// first: x86 has "model name"; ARM boards often have only "Hardware" or
// "Model" (Raspberry Pi); POWER has "cpu" and MIPS "cpu model".
var cpuInfoKeys = []string{"model name", "Model", "Hardware", "cpu model", "cpu"}

// parseCPUInfo returns the processor model named in /proc/cpuinfo text,
// with runs of spaces collapsed, or UnknownCPU.
func parseCPUInfo(r io.Reader) string {
	found := map[string]string{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		key = strings.TrimSpace(key)
		value = strings.Join(strings.Fields(value), " ")
		if _, seen := found[key]; !seen && value != "" {
			found[key] = value
		}
	}
	// A read error leaves whatever was found before it, which is still useful.
	for _, k := range cpuInfoKeys {
		if v, ok := found[k]; ok {
			return v
		}
	}
	return UnknownCPU
}
