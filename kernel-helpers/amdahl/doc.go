// Package amdahl fits Amdahl's law to measured speedups, to say how much of
// a program's work did not run in parallel.
//
// Amdahl's law: if a fraction f of the work is serial (it runs on one core
// however many there are) and the rest divides perfectly among n workers,
// the speedup over one worker is
//
//	S(n) = 1 / (f + (1 − f) / n)
//
// which approaches 1/f as n grows: with 5% serial work, no number of cores
// gets past 20×. A real batch has serial parts even when its tasks are
// independent: starting the workers, the task that ends last, waiting for
// the slowest, other programs taking a core.
//
// [Fit] finds the f that best matches measured speedups, by least squares:
// it minimizes the sum of the squared differences between the measured and
// the predicted speedups, searching f in [0, 1]. Fit only points taken with
// at most as many workers as cores: past the core count the workers take
// turns on the cores, which is not the parallel work the law describes.
// [Model.On] predicts that case too, by capping n at the core count, so a
// plot can show the curve flattening where the measurements do.
package amdahl
