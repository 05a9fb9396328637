// Package exercises holds the checks of notebook 03's exercises (see package
// concurrencylab/kernel-helpers/exercise): IOWithoutGIL (let other threads
// run while waiting, as CPython's blocking calls do) and CPUStrategy (get
// CPU-bound work to run at once despite the GIL). The solutions are in
// notebooks/solutions/, one file per exercise ID.
package exercises
