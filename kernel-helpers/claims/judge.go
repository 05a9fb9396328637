package claims

import (
	"fmt"
	"strconv"
)

// Small pieces the judges share. Each is a pure function of its numbers.

// times formats a ratio as "1.93×" (three significant figures).
func times(r float64) string { return sig(r) + "×" }

// sig formats x with three significant figures, without exponent for the
// sizes a course shows.
func sig(x float64) string {
	return strconv.FormatFloat(x, 'g', 3, 64)
}

// ms formats milliseconds: "4.85 ms", "0.0547 ms".
func ms(x float64) string { return sig(x) + " ms" }

// pct formats a fraction as a percentage: 0.875 → "87.5 %".
func pct(x float64) string { return sig(100*x) + " %" }

// unmeasured is the verdict for missing figures; what names what is missing.
func unmeasured(what string) Verdict {
	return Verdict{CPython: "not measured", Go: "not measured", Text: "Not measured in this run: " + what + "."}
}

// cores formats a core count: "1 core", "2 cores".
func cores(n float64) string {
	if n == 1 {
		return "1 core"
	}
	return fmt.Sprintf("%g cores", n)
}
