package nbcheck_test

import (
	"testing"

	"concurrencylab/kernel-helpers/tooling/nbcheck"
)

// FuzzCheck feeds the checks every notebook the decoder accepts (seeds in
// testdata/fuzz/FuzzCheck): problems, each with a message, never a panic.
func FuzzCheck(f *testing.F) {
	f.Add([]byte(`{"cells": [{"cell_type": "code", "execution_count": 1, "source": "a", "outputs": [{"output_type": "error", "ename": "E", "evalue": "v"}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		nb, err := nbcheck.Parse(data)
		if err != nil {
			return
		}
		ps := append(nbcheck.Check(nb, nbcheck.Options{Paths: []string{"/home/someone"}}), nbcheck.CheckCommitted(nb)...)
		for _, p := range ps {
			if p.Message == "" {
				t.Fatalf("a problem without a message: %+v", p)
			}
		}
	})
}
