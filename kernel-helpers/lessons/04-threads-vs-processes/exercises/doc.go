// Package exercises holds the checks of notebook 04's exercises (see package
// concurrencylab/kernel-helpers/exercise): BoundedFetch (fetch pages from
// the latency server with at most limit requests open at once, as a
// semaphore or errgroup.SetLimit does), OnePerCore (tutorial 001's one
// task per core, in Go: run the tasks at once and wait for every one) and
// PoolSize (choose a goroutine pool's size for CPU-bound and for waiting
// tasks; the check measures the choice). The solutions are in
// notebooks/solutions/, one file per exercise ID.
package exercises
