package memory

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestKibFields(t *testing.T) {
	status := []byte("Name:\tx\nVmRSS:\t    2276 kB\nRssAnon:\t     152 kB\nRssFile:\t    2124 kB\n")
	got, err := kibFields(status, "VmRSS", "RssAnon", "RssFile")
	require.NoError(t, err)
	assert.Equal(t, map[string]int64{"VmRSS": 2276, "RssAnon": 152, "RssFile": 2124}, got)

	const rollup = "560fe1a45000-7ffc57717000 ---p 00000000 00:00 0                          [rollup]\n" +
		"Rss:                1752 kB\nPss:                 320 kB\nShared_Clean:       1596 kB\n" +
		"Private_Clean:        40 kB\nPrivate_Dirty:       116 kB\nAnonymous:           116 kB\n"
	got, err = kibFields([]byte(rollup), "Pss", "Private_Clean", "Private_Dirty")
	require.NoError(t, err)
	assert.Equal(t, map[string]int64{"Pss": 320, "Private_Clean": 40, "Private_Dirty": 116}, got)

	for name, tc := range map[string]struct{ data, want string }{
		"missing":      {string(status), "no Pss line"},
		"not kB":       {"Pss: 12 MB\n", `Pss "12 MB" is not a size in kB`},
		"not a number": {"Pss: many kB\n", "not a size"},
		"negative":     {"Pss: -5 kB\n", "not a size"},
		"huge":         {"Pss: 99999999999999999999 kB\n", "not a size"},
		"empty":        {"", "no Pss line"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := kibFields([]byte(tc.data), "Pss")
			assert.ErrorContains(t, err, tc.want)
		})
	}
}
