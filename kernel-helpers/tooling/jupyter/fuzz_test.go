package jupyter_test

import (
	"encoding/json"
	"testing"
	"time"

	"concurrencylab/kernel-helpers/ipynb"
	"concurrencylab/kernel-helpers/tooling/jupyter"
)

// FuzzSetRun records a run in every input (seeds in
// testdata/fuzz/FuzzSetRun): a notebook that decodes again with the run in
// its metadata, or an error; clearing the run removes it. Never a panic.
func FuzzSetRun(f *testing.F) {
	f.Add([]byte(`{"cells": [], "metadata": {"concurrencylab": {"summary": "s", "run_seconds": 1.0}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := jupyter.SetRun(data, jupyter.Run{Duration: 90 * time.Second, Machine: "m"})
		if err != nil {
			return
		}
		doc, err := ipynb.Tree(out)
		if err != nil {
			t.Fatalf("SetRun wrote what does not decode: %v", err)
		}
		course := doc["metadata"].(map[string]any)["concurrencylab"].(map[string]any)
		if course[jupyter.RunSecondsKey] != json.Number("90") || course[jupyter.RunMachineKey] != "m" {
			t.Fatalf("the run is not recorded: %v", course)
		}
		cleared, err := jupyter.ClearRun(out)
		if err != nil {
			t.Fatalf("ClearRun refuses what SetRun wrote: %v", err)
		}
		doc, err = ipynb.Tree(cleared)
		if err != nil {
			t.Fatalf("ClearRun wrote what does not decode: %v", err)
		}
		if _, ok := doc["metadata"].(map[string]any)["concurrencylab"].(map[string]any)[jupyter.RunSecondsKey]; ok {
			t.Fatal("ClearRun left the run")
		}
	})
}
