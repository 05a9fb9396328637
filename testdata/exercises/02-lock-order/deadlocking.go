//go:build ignore

// Deadlocking: from's lock, then to's. Transfers both ways at once each hold
// one lock and wait for the other's.
package main

import (
	"time"

	"concurrencylab/kernel-helpers/lessons/02-threads/exercises"
)

func transfer(from, to *exercises.Account, amount int) {
	from.Lock()
	defer from.Unlock()
	time.Sleep(time.Microsecond) // widens the window, as real work between the locks does
	to.Lock()
	defer to.Unlock()
	from.Balance -= amount
	to.Balance += amount
}
