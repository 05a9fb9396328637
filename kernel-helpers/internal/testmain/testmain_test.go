package testmain_test

import (
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/internal/testmain"
)

// leakEnv makes TestLeaky leak a goroutine, in a copy of this test binary.
const leakEnv = "CONCURRENCYLAB_TESTMAIN_LEAK"

func TestMain(m *testing.M) { testmain.Main(m) }

// TestLeaky is not a test: run by TestMainFindsLeaks, it leaves a goroutine
// blocked for good.
func TestLeaky(t *testing.T) {
	if os.Getenv(leakEnv) == "" {
		t.Skip("only runs in a copy started by TestMainFindsLeaks")
	}
	go func() { select {} }()
}

// TestMainFindsLeaks runs TestLeaky in a copy of this binary: Main must fail
// it, although the test itself passed.
func TestMainFindsLeaks(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestLeaky$")
	cmd.Env = append(os.Environ(), leakEnv+"=1")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, "the copy should fail: %s", out)
	assert.Contains(t, string(out), "found unexpected goroutines")
}
