// Package predict compares a learner's guess with a measurement: predict,
// then run. The guess lives in the notebook's parameter cell, as a plain
// value, so a notebook still runs unattended (nothing waits for the
// keyboard):
//
//	guessSpeedup = 0.0 // your guess: how many times faster on every core?
//
// and the cell under the measurement prints the comparison:
//
//	display.Markdown(predict.Ratio("the speedup", guessSpeedup, measured))
//
// A guess left at zero reads "no guess given". The comparison is a pure
// function of the two figures, so it is unit-tested with made-up ones.
package predict
