package bench_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/bench"
)

func TestRound(t *testing.T) {
	for d, want := range map[time.Duration]time.Duration{
		0:                        0,
		999:                      999,
		4387:                     4390,
		29_712_345:               29_700_000,
		1_234_567_890:            1_230_000_000,
		-29_712_345:              -29_700_000,
		90 * time.Minute:         90 * time.Minute,
		time.Duration(1<<63 - 1): time.Duration(1<<63 - 1).Round(1e15),
	} {
		assert.Equal(t, want, bench.Round(d), "Round(%v)", d)
	}
}
