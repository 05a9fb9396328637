// Package nbcheck reads a Jupyter notebook (.ipynb) and says what is wrong
// with its outputs: a cell that failed, panicked or exited non-zero, a plot
// that should be there and is not, an output that shows a path of the
// machine it ran on, cells run out of order.
//
// Jupyter itself cannot be trusted with this: `jupyter nbconvert --execute`
// succeeds when a Go cell panics, because GoNB reports a failed cell program
// as text on stderr, not as a Jupyter error. So the notebook tests execute a
// notebook (package jupyter) and then hand it to [Check].
package nbcheck
