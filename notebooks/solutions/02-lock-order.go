//go:build ignore

// Solution to exercise 02-lock-order (notebook 02): every transfer takes the
// two locks in one global order, the account with the smaller ID first, so no
// goroutine can hold the second lock while waiting for the first.
package main

import "concurrencylab/kernel-helpers/lessons/02-threads/exercises"

func transfer(from, to *exercises.Account, amount int) {
	first, second := from, to
	if second.ID < first.ID {
		first, second = second, first
	}
	first.Lock()
	defer first.Unlock()
	second.Lock()
	defer second.Unlock()
	from.Balance -= amount
	to.Balance += amount
}
