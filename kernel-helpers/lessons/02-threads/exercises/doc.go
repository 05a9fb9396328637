// Package exercises holds the checks of notebook 02's exercises (see package
// concurrencylab/kernel-helpers/exercise): SafeCounter (make the racy
// counter correct, with a mutex, an atomic or a channel), LockOrder (move
// money between two accounts in both directions at once without a
// deadlock) and StopWorker (stop a goroutine through its context, and let
// it end). The solutions are in notebooks/solutions/, one file per
// exercise ID.
package exercises
