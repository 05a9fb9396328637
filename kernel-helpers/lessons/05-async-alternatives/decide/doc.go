// Package decide turns measurements into a decision table: rows of "use X
// when …", each with the figures that back it, measured on the reader's
// machine, so that the table closing a notebook states nothing that was not
// just measured.
//
// A row is an [Entry], made one of two ways:
//
//   - [Pick] compares alternatives on one measured figure and recommends the
//     best, so the recommendation follows the measurement: if a machine ever
//     showed OS threads cheaper than goroutines, the table would say so.
//   - [Fact] recommends a fixed tool for a situation and shows the figures
//     that show it working (a timeout that ended the wait on time, a limit
//     that held).
//
// [Rows] checks the entries (no missing text, no NaN, no negative time or
// size) and formats them for display.Table under [Header]. [Measure] runs
// the measurements of the async-alternatives notebook once more, in one go,
// and returns its entries: a notebook cell is its own program, so the last
// cell cannot read the figures earlier cells printed.
package decide
