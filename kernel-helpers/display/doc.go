// Package display shows pictures, tables and text in the output of a GoNB
// notebook cell, through [gonbui].
//
// A Go program run by GoNB talks to the notebook through a pipe that GoNB
// opens for it; [gonbui.IsNotebook] says whether there is one. Outside a
// notebook (under go test, go run, or in a terminal) every function here does
// nothing and prints nothing, so that the helpers that call it stay testable
// and quiet.
//
// Cells stay one line:
//
//	display.Plot(plots.Timings("sum of square roots", results))
//	display.Table([]string{"strategy", "median"}, rows)
package display
