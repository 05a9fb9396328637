//go:build ignore

// Leaking: the tasks start at once, but nobody waits for them.
package main

func runPerCore(n int, task func(i int)) {
	for i := range n {
		go task(i)
	}
}
