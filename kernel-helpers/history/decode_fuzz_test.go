package history

import (
	"bytes"
	"testing"
)

// FuzzDecode feeds Decode damaged history files: every entry it returns
// must pass the checks a new entry passes, and it must never panic.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"time":"2025-03-04T05:12:00Z","run":"r","result":{"name":"x","strategy":"s","samples":[1000]}}` + "\n"))
	f.Add([]byte("{\"time\":\"2025-03-04T05:12:00Z\",\"result\":{\"name\":\"x\",\"samples\":[-1]}}\n{not json\n\n"))
	f.Add([]byte(`{"result":{"name":"a"}}{"result":{"name":"b"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, warnings, err := Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("reading from memory cannot fail: %v", err)
		}
		for _, e := range entries {
			if err := e.check(); err != nil {
				t.Fatalf("Decode returned an entry that fails its checks: %v", err)
			}
		}
		for _, w := range warnings {
			if w.Line < 1 || w.Err == nil {
				t.Fatalf("a warning without a line or a reason: %+v", w)
			}
		}
	})
}
