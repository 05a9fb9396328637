package plots

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// niceTicks puts four to six labelled ticks on a linear axis, at multiples of
// 1, 2, 2.5 or 5 times a power of ten, with an unlabelled tick between each
// two. gonum/plot's [plot.DefaultTicks] often gives only three, too few to
// read a bar's height against.
type niceTicks struct{}

// Ticks implements [plot.Ticker].
func (niceTicks) Ticks(min, max float64) []plot.Tick {
	step, decimals := niceStep(min, max)
	if step == 0 {
		return []plot.Tick{{Value: min, Label: strconv.FormatFloat(min, 'g', 6, 64)}}
	}
	first := math.Ceil(min/step - 1e-9)
	var ticks []plot.Tick
	for i := first; i*step <= max+step*1e-9; i++ {
		v := i * step
		if v == 0 {
			v = 0 // no "-0"
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', decimals, 64)})
		if minor := v + step/2; minor <= max {
			ticks = append(ticks, plot.Tick{Value: minor})
		}
	}
	if first*step-step/2 >= min {
		ticks = append(ticks, plot.Tick{Value: first*step - step/2})
	}
	return ticks
}

// niceStep returns the distance between labelled ticks for the range
// min..max, and the number of decimals its labels need. It returns 0 for an
// empty or invalid range.
func niceStep(min, max float64) (step float64, decimals int) {
	span := max - min
	if !(span > 0) || math.IsInf(span, 0) {
		return 0, 0
	}
	mag := math.Pow(10, math.Floor(math.Log10(span/5)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		step = m * mag
		if span/step <= 6 {
			break
		}
	}
	decimals = max0(-int(math.Floor(math.Log10(step) + 1e-9)))
	if exp := math.Floor(math.Log10(step) + 1e-9); exp <= 0 && step/math.Pow(10, exp) == 2.5 {
		decimals++ // 2.5 and 0.25 need one more decimal than 2 and 0.2; 25 does not
	}
	return step, decimals
}

func max0(n int) int { return max(n, 0) }

// roundUp extends a linear axis to its next labelled tick, so that the top
// of the chart carries a number.
func roundUp(a *plot.Axis) {
	step, _ := niceStep(a.Min, a.Max)
	if step == 0 {
		return
	}
	a.Max = math.Ceil(a.Max/step-1e-9) * step
}

// logTicks labels the powers of ten on a logarithmic axis and marks the
// multiples between them. It replaces [plot.LogTicks], which loses the
// lowest power when the axis starts exactly on it (log10(0.1) comes out a
// hair above -1). An axis spanning less than a decade gets [niceTicks].
type logTicks struct{}

// Ticks implements [plot.Ticker].
func (logTicks) Ticks(min, max float64) []plot.Tick {
	if !(min > 0) || !(max > min) {
		return niceTicks{}.Ticks(min, max)
	}
	lo := int(math.Floor(math.Log10(min) + 1e-9))
	hi := int(math.Ceil(math.Log10(max) - 1e-9))
	in := func(v float64) bool { return v >= min*(1-1e-9) && v <= max*(1+1e-9) }
	var ticks []plot.Tick
	labelled := 0
	for e := lo; e <= hi; e++ {
		decade := math.Pow10(e)
		if in(decade) {
			ticks = append(ticks, plot.Tick{Value: decade, Label: strconv.FormatFloat(decade, 'g', -1, 64)})
			labelled++
		}
		for m := 2.0; m < 10; m++ {
			if v := m * decade; in(v) {
				ticks = append(ticks, plot.Tick{Value: v})
			}
		}
	}
	if labelled < 2 {
		return niceTicks{}.Ticks(min, max)
	}
	return ticks
}
