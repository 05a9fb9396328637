package jupyter

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// goflags returns the last GOFLAGS of env: the one a child process sees.
func goflags(env []string) string {
	v := ""
	for _, kv := range env {
		if s, ok := strings.CutPrefix(kv, "GOFLAGS="); ok {
			v = s
		}
	}
	return v
}

func TestEnvironGOFLAGS(t *testing.T) {
	e := &Env{DataDir: t.TempDir()}
	t.Setenv("GOFLAGS", "")
	assert.Equal(t, LinkFlags, goflags(e.environ()))
	t.Setenv("GOFLAGS", "-ldflags=-s -mod=mod")
	assert.Equal(t, LinkFlags+" -ldflags=-s -mod=mod", goflags(e.environ()), "one's own GOFLAGS come last, and win")
}
