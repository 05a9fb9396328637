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
// Written for the inverse, 1/S = 1/n + f·(1 − 1/n), the law is a straight
// line in f, so each measurement gives its own f, the Karp–Flatt serial
// fraction ([Point.KarpFlatt]), and [Fit] finds the f that fits them all by
// least squares on 1/S, in closed form. [FitOn] fits only points taken with
// at most as many workers as cores (past the core count the workers take
// turns, which is not the parallel work the law describes) and refuses to
// fit fewer than [MinPoints] of them: on a 2-core machine that leaves 1 and
// 2 workers, and the 1-worker point fits any f, so no fit is possible.
// [Model.On] predicts that case too, by capping n at the core count, so a
// plot can show the curve flattening where the measurements do.
package amdahl
