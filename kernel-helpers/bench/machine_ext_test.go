package bench_test

import (
	"os"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/bench"
)

func TestMachine(t *testing.T) {
	m := bench.Machine()
	if runtime.GOOS == "linux" {
		assert.NotEqual(t, bench.UnknownCPU, m.CPU, "linux has /proc/cpuinfo")
	}
	assert.NotEmpty(t, m.CPU)
	assert.Equal(t, runtime.NumCPU(), m.LogicalCores)
	assert.Equal(t, runtime.GOMAXPROCS(0), m.GOMAXPROCS)
	assert.Equal(t, runtime.Version(), m.GoVersion)
	assert.Equal(t, runtime.GOOS, m.OS)
	assert.Equal(t, runtime.GOARCH, m.Arch)
}

func TestMachineReadsGOMAXPROCSNow(t *testing.T) {
	old := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(old)
	assert.Equal(t, 1, bench.Machine().GOMAXPROCS)
}

// TestMachineHasNoPrivateDetails guards the promise that notebook outputs
// carry no host name, user name or path of the machine.
func TestMachineHasNoPrivateDetails(t *testing.T) {
	m := bench.Machine()
	var private []string
	if h, err := os.Hostname(); err == nil {
		private = append(private, h)
	}
	if home, err := os.UserHomeDir(); err == nil {
		private = append(private, home)
	}
	if wd, err := os.Getwd(); err == nil {
		private = append(private, wd)
	}
	private = append(private, os.Getenv("USER"), os.Getenv("LOGNAME"))
	for _, p := range private {
		// Very short names ("pi", "ci") could occur in a CPU model by chance.
		if len(p) < 4 {
			continue
		}
		assert.NotContains(t, m.String(), p)
		assert.NotContains(t, m.Markdown(), p)
	}
}

func TestMachineInfoFormats(t *testing.T) {
	m := bench.MachineInfo{CPU: "Odd | CPU", LogicalCores: 1, GOMAXPROCS: 1, GoVersion: "go1.26.8", OS: "linux", Arch: "arm64"}
	assert.Equal(t, "Odd | CPU, 1 logical core, GOMAXPROCS=1, go1.26.8 linux/arm64", m.String())
	assert.Equal(t, "| Machine | |\n|---|---|\n"+
		"| CPU | Odd \\| CPU |\n"+
		"| Logical cores | 1 |\n"+
		"| GOMAXPROCS | 1 |\n"+
		"| Go | go1.26.8 |\n"+
		"| OS/arch | linux/arm64 |\n", m.Markdown())
}
