package bench

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseCPUInfo(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{
			"x86",
			"processor\t: 0\nvendor_id\t: GenuineIntel\nmodel\t\t: 85\nmodel name\t: Intel(R) Xeon(R)  CPU @ 2.20GHz\n\nprocessor\t: 1\nmodel name\t: Intel(R) Xeon(R)  CPU @ 2.20GHz\n",
			"Intel(R) Xeon(R) CPU @ 2.20GHz",
		},
		{
			"raspberry pi: Model beats Hardware",
			"processor\t: 0\nBogoMIPS\t: 108.00\nCPU part\t: 0xd08\n\nHardware\t: BCM2835\nRevision\t: c03111\nModel\t\t: Raspberry Pi 4 Model B Rev 1.1\n",
			"Raspberry Pi 4 Model B Rev 1.1",
		},
		{"power", "processor\t: 0\ncpu\t\t: POWER9 (architected), altivec supported\n", "POWER9 (architected), altivec supported"},
		{"empty model name skipped", "model name\t:\nHardware\t: Generic DT based system\n", "Generic DT based system"},
		{"arm64 server without a name", "processor\t: 0\nBogoMIPS\t: 50.00\nCPU part\t: 0xd0c\n", UnknownCPU},
		{"empty", "", UnknownCPU},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, parseCPUInfo(strings.NewReader(tt.text)))
		})
	}
}
