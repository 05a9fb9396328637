package predict

import (
	"fmt"
	"math"
	"time"
)

// Close is how far a guess may be from the measurement, as a factor, and
// still count as close: within 25 % either way.
const Close = 1.25

// Ratio compares a guessed ratio (a speedup, "3.5×") with the measured one.
func Ratio(what string, guess, measured float64) string {
	return compare(what, guess, measured, func(v float64) string { return fmt.Sprintf("%.3g×", v) })
}

// Duration compares a guessed duration with the measured one.
func Duration(what string, guess, measured time.Duration) string {
	return compare(what, float64(guess), float64(measured), func(v float64) string { return round(time.Duration(v)).String() })
}

// Number compares a guessed count or figure with the measured one, in unit.
func Number(what string, guess, measured float64, unit string) string {
	return compare(what, guess, measured, func(v float64) string { return fmt.Sprintf("%.3g %s", v, unit) })
}

func round(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(10 * time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond)
	case d >= time.Microsecond:
		return d.Round(10 * time.Nanosecond)
	}
	return d
}

func compare(what string, guess, measured float64, show func(float64) string) string {
	switch {
	case math.IsNaN(measured) || measured <= 0:
		return fmt.Sprintf("**Your prediction of %s:** nothing was measured to compare it with.", what)
	case guess == 0:
		return fmt.Sprintf("**Your prediction of %s:** no guess given; measured %s. Set your guess in the parameter cell before running, then compare.", what, show(measured))
	case guess < 0 || math.IsNaN(guess) || math.IsInf(guess, 0):
		return fmt.Sprintf("**Your prediction of %s:** %v is not a guess this can compare (it must be a positive number); measured %s.", what, guess, show(measured))
	}
	factor := guess / measured
	var verdict string
	switch {
	case factor <= Close && factor >= 1/Close:
		verdict = "close: within 25 %"
	case factor > 1:
		verdict = fmt.Sprintf("%.2g times too high", factor)
	default:
		verdict = fmt.Sprintf("%.2g times too low", 1/factor)
	}
	return fmt.Sprintf("**Your prediction of %s:** you guessed %s; measured %s: %s.", what, show(guess), show(measured), verdict)
}
