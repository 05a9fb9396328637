package cpython

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzParse feeds Parse what a broken or hostile Python program could
// print: it must return results that obey its documented rules, or an
// error, and never panic. The recorded outputs in testdata/cpython seed it.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/cpython/*.json")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"results":[{"name":"x","strategy":"s","workers":1,"params":{"a":1},"samples_s":[1e-3]}]}`))
	f.Add([]byte(`{"results":[]}`))
	f.Add([]byte(`{"results":[{"name":"x","strategy":"s","workers":-1,"samples_s":[1e300]}]} trailing`))
	f.Fuzz(func(t *testing.T, data []byte) {
		results, err := Parse(data, "cpython")
		if err != nil {
			return
		}
		if len(results) == 0 {
			t.Fatal("no error and no results")
		}
		for _, r := range results {
			if r.Name == "" || r.Strategy == "" || r.Workers < 0 || len(r.Samples) == 0 {
				t.Fatalf("a result breaks Parse's rules: %+v", r)
			}
			for _, s := range r.Samples {
				if s < 0 || s > maxSampleSeconds*time.Second {
					t.Fatalf("sample %v out of range", s)
				}
			}
		}
	})
}
