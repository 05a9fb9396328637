// Package exercises holds the checks of notebook 00's exercises (see package
// concurrencylab/kernel-helpers/exercise): the notebook's stub cell holds
// the learner's function, its check cell calls ParallelSum.Check on it.
// The solutions are in notebooks/solutions/, one file per exercise ID.
package exercises
