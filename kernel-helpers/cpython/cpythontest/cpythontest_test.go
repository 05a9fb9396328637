package cpythontest_test

import (
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/cpython/cpythontest"
)

func TestPython3(t *testing.T) {
	in := cpythontest.Python3(t) // skips here when there is no python3
	_, err := exec.LookPath("python3")
	assert.NoError(t, err, "a python3 was found, so it is on PATH")
	assert.NotEmpty(t, in.Version)
}
