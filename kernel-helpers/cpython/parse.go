package cpython

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"concurrencylab/kernel-helpers/bench"
)

// maxSampleSeconds is the largest sample Parse accepts: a day. Anything
// longer is a broken clock or a broken program, and would overflow
// [time.Duration] well before 292 years anyway.
const maxSampleSeconds = 24 * 60 * 60

// wireResult is one result as the Python programs print it (see
// py/labcommon.py): samples in seconds, params of any JSON scalar.
type wireResult struct {
	Name     string         `json:"name"`
	Strategy string         `json:"strategy"`
	Workers  int            `json:"workers"`
	Params   map[string]any `json:"params"`
	Samples  []float64      `json:"samples_s"`
}

// Parse reads the JSON one of the course's Python programs printed and
// returns its results as [bench.Result] records, each strategy prefixed with
// prefix and a dash ("threads" becomes "cpython-threads" for prefix
// "cpython"; an empty prefix leaves it as it is). Params become strings:
// 5.0 and 5 both become "5", so that they match the Go side's.
//
// It returns an error saying what is wrong for anything but one JSON object
// with a non-empty "results" list of well-formed results: each needs a name,
// a strategy, workers >= 0, scalar params and at least one sample, every
// sample a number of seconds from 0 to a day.
func Parse(data []byte, prefix string) ([]bench.Result, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var out struct {
		// The "python" header describing the interpreter is not needed
		// here: [Interpreter] already knows it.
		Results *[]wireResult `json:"results"`
	}
	if err := dec.Decode(&out); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("cpython: the program printed nothing")
		}
		return nil, fmt.Errorf("cpython: output is not the expected JSON: %w (it starts %q)", err, firstLine(data))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("cpython: output has more after its JSON object")
	}
	if out.Results == nil {
		return nil, errors.New(`cpython: output has no "results"`)
	}
	if len(*out.Results) == 0 {
		return nil, errors.New(`cpython: output has an empty "results" list`)
	}
	results := make([]bench.Result, 0, len(*out.Results))
	for i, w := range *out.Results {
		r, err := convert(w, prefix)
		if err != nil {
			return nil, fmt.Errorf("cpython: result %d (%s/%s): %w", i, w.Name, w.Strategy, err)
		}
		results = append(results, r)
	}
	return results, nil
}

// convert checks one wire result and turns it into a [bench.Result].
func convert(w wireResult, prefix string) (bench.Result, error) {
	switch {
	case w.Name == "":
		return bench.Result{}, errors.New("no name")
	case w.Strategy == "":
		return bench.Result{}, errors.New("no strategy")
	case w.Workers < 0:
		return bench.Result{}, fmt.Errorf("workers is %d", w.Workers)
	case len(w.Samples) == 0:
		return bench.Result{}, errors.New("no samples")
	}
	r := bench.Result{
		Name:     w.Name,
		Strategy: w.Strategy,
		Workers:  w.Workers,
		Samples:  make([]time.Duration, len(w.Samples)),
	}
	if prefix != "" {
		r.Strategy = prefix + "-" + w.Strategy
	}
	for i, s := range w.Samples {
		if s < 0 || s > maxSampleSeconds || math.IsNaN(s) {
			return bench.Result{}, fmt.Errorf("sample %d is %v s, not between 0 and %d s", i, s, maxSampleSeconds)
		}
		r.Samples[i] = time.Duration(math.Round(s * float64(time.Second)))
	}
	if len(w.Params) > 0 {
		r.Params = make(map[string]string, len(w.Params))
		for k, v := range w.Params {
			s, err := paramString(v)
			if err != nil {
				return bench.Result{}, fmt.Errorf("param %q: %w", k, err)
			}
			r.Params[k] = s
		}
	}
	return r, nil
}

// paramString writes a JSON scalar as the Go side writes its params:
// integers as integers, other numbers as short as exact ("5.0" is "5").
func paramString(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case bool:
		return strconv.FormatBool(v), nil
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return strconv.FormatInt(i, 10), nil
		}
		f, err := v.Float64()
		if err != nil {
			return "", fmt.Errorf("number %s out of range", v)
		}
		return strconv.FormatFloat(f, 'f', -1, 64), nil
	}
	return "", fmt.Errorf("want a string, number or boolean, got %T", v)
}
