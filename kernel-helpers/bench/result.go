package bench

import (
	"slices"
	"time"
)

// Result is one measurement: the same work timed several times under one
// strategy. It is the record every part of the course shares: Go runners,
// the CPython programs, the plots and the results history all speak it.
//
// The zero value is an empty measurement with no samples; its statistics are 0.
type Result struct {
	// Name says what was measured, e.g. "sumsqrt" or "fetch".
	Name string `json:"name"`
	// Strategy says how it ran, e.g. "sequential", "goroutines", "process-pool",
	// "gil-threads" or "cpython-threads".
	Strategy string `json:"strategy"`
	// Workers is how many goroutines, threads or processes ran the work (0 if not applicable).
	Workers int `json:"workers,omitempty"`
	// Params holds the sizes and settings the work ran with, e.g. {"n": "2000000"}.
	Params map[string]string `json:"params,omitempty"`
	// Samples are the wall-clock durations of the timed repetitions, in run order.
	Samples []time.Duration `json:"samples"`
}

// Min returns the fastest sample, or 0 when there are none.
func (r Result) Min() time.Duration {
	if len(r.Samples) == 0 {
		return 0
	}
	return slices.Min(r.Samples)
}

// Max returns the slowest sample, or 0 when there are none.
func (r Result) Max() time.Duration {
	if len(r.Samples) == 0 {
		return 0
	}
	return slices.Max(r.Samples)
}

// Median returns the middle sample (the mean of the two middle ones for an
// even count), or 0 when there are none. The median, not the mean, is the
// course's headline figure: one run slowed by another program on the machine
// moves it little.
func (r Result) Median() time.Duration {
	n := len(r.Samples)
	if n == 0 {
		return 0
	}
	s := slices.Clone(r.Samples)
	slices.Sort(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
