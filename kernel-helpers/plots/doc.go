// Package plots draws the course's charts as SVG: bar charts of timings with
// their spread, speedup curves, sweeps, and timelines of who ran what when.
//
// Every builder returns the bytes of a self-contained SVG picture, ready to be
// shown inline in a notebook (see package display) or written to a .svg file.
// The pictures share one look so that a notebook reads as one document:
//
//   - the same size, 16 cm × 9 cm, unless an [Options] value says otherwise;
//   - the same sans-serif fonts, named with generic fallbacks
//     ("Liberation Sans", Arial, Helvetica, sans-serif) so that a browser with
//     no network and no Liberation fonts still draws text of the width the
//     layout was computed for: Liberation Sans is metric-compatible with Arial;
//   - axis labels that carry their unit, e.g. "median time (ms)";
//   - a legend in its own column right of the data, so it never hides a point;
//   - the colour-blind-safe Okabe–Ito palette, and a different marker shape
//     per series so that lines stay apart when printed in grey.
//
// Bad input (no data, NaN or infinite values, negative durations, slices of
// different lengths) is reported as an error naming the culprit; the builders
// do not panic.
//
// A notebook cell stays one line:
//
//	display.Plot(plots.Timings("sum of square roots, n = 2e6", results))
//
// # Tests
//
// Besides the data that goes into each plot, every builder is checked
// against a golden picture, as gonum/plot checks its plotters: golden_test.go
// draws fixed data and compares the SVG, byte for byte, with
// testdata/<name>_golden.svg (gonum.org/v1/plot/cmpimg). When a change is
// meant to alter the pictures, regenerate them with cmpimg's -regen flag,
// then review the new files before committing them:
//
//	go test ./kernel-helpers/plots/ -run TestGolden -regen
package plots
