package memory_test

import (
	"testing"

	"concurrencylab/kernel-helpers/memory"
)

func TestReleaseNothing(t *testing.T) {
	var p *memory.Parked
	p.Release() // must not panic
	(&memory.Parked{}).Release()
}
