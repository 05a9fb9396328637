//go:build ignore

// Too slow: sleeps holding the GIL, so every other thread waits too.
package main

import (
	"time"

	"concurrencylab/kernel-helpers/gil"
)

func ioCall(t *gil.Thread, d time.Duration) {
	time.Sleep(d)
}
