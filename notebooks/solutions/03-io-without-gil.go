//go:build ignore

// Solution to exercise 03-io-without-gil (notebook 03): t.Blocking drops the
// GIL for the wait and takes it back afterwards, as CPython's time.sleep and
// socket reads do around their system call.
package main

import (
	"time"

	"concurrencylab/kernel-helpers/gil"
)

func ioCall(t *gil.Thread, d time.Duration) {
	t.Blocking(func() { time.Sleep(d) })
}
