// Package exercises holds the checks of notebook 01's exercises (see package
// concurrencylab/kernel-helpers/exercise): ChildDouble (a child process's
// memory is its own, so a value reaches it only through a pipe) and
// RunWithLimit (stop a child that runs too long, and reap it). The
// solutions are in notebooks/solutions/, one file per exercise ID.
package exercises
