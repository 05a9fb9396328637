package memory

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseRollup(t *testing.T) {
	const sample = "560fe1a45000-7ffc57717000 ---p 00000000 00:00 0                          [rollup]\n" +
		"Rss:                1752 kB\nPss:                 320 kB\nShared_Clean:       1596 kB\n" +
		"Private_Clean:        40 kB\nPrivate_Dirty:       116 kB\nAnonymous:           116 kB\n"
	r, err := parseRollup([]byte(sample))
	require.NoError(t, err)
	assert.Equal(t, Rollup{RSS: 1752 << 10, PSS: 320 << 10, Private: 156 << 10, Anonymous: 116 << 10}, r)

	for name, bad := range map[string]string{
		"no Pss":     "Rss: 1 kB\nPrivate_Clean: 1 kB\nPrivate_Dirty: 1 kB\nAnonymous: 1 kB\n",
		"not kB":     "Rss: 1 MB\nPss: 1 kB\nPrivate_Clean: 1 kB\nPrivate_Dirty: 1 kB\nAnonymous: 1 kB\n",
		"not a size": "Rss: x kB\nPss: 1 kB\nPrivate_Clean: 1 kB\nPrivate_Dirty: 1 kB\nAnonymous: 1 kB\n",
		"empty":      "",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := parseRollup([]byte(bad))
			assert.Error(t, err)
		})
	}
}
