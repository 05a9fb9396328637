package run

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// BatchOf is [Batch] for tasks that all return a T: each record's Result is
// a T, whether the task ran in this process or in a worker, so a notebook
// needs no type switch per strategy. A worker's JSON result is decoded into
// T (integers are exact up to 2^53, as they pass through a float64); a Func
// must return a T. A result that is not a T becomes the record's error,
// "result is …", and joins the returned error.
func BatchOf[T any](ctx context.Context, s Strategy, tasks []Task) ([]RecordOf[T], error) {
	recs, err := Batch(ctx, s, tasks)
	if recs == nil {
		return nil, err
	}
	out := make([]RecordOf[T], len(recs))
	var bad []error
	for i, r := range recs {
		out[i] = RecordOf[T]{Task: r.Task, Name: r.Name, Err: r.Err, Start: r.Start, End: r.End,
			Goroutine: r.Goroutine, TID: r.TID, PID: r.PID}
		if r.Err != nil {
			continue
		}
		v, convErr := as[T](r.Result)
		if convErr != nil {
			out[i].Err = convErr
			bad = append(bad, fmt.Errorf("task %d %q: %w", i, r.Name, convErr))
			continue
		}
		out[i].Result = v
	}
	if len(bad) > 0 {
		err = errors.Join(append([]error{err}, bad...)...)
	}
	return out, err
}

// as turns a record's untyped result into a T: directly when it is one,
// through its JSON encoding when it came from a worker task (a float64, a
// map, a slice), and the zero T for a task that returned nothing.
func as[T any](res any) (T, error) {
	var v T
	switch r := res.(type) {
	case T:
		return r, nil
	case nil:
		return v, nil
	case float64, string, bool, map[string]any, []any:
		raw, err := json.Marshal(r)
		if err == nil {
			err = json.Unmarshal(raw, &v)
		}
		if err != nil {
			return v, fmt.Errorf("result is %v, not a %T: %w", res, v, err)
		}
		return v, nil
	}
	return v, fmt.Errorf("result is a %T, not a %T", res, v)
}
