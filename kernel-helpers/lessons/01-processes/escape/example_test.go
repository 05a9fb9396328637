package escape_test

import (
	"context"
	"fmt"

	"concurrencylab/kernel-helpers/lessons/01-processes/escape"
)

func ExampleAnalyze() {
	ds, err := escape.Analyze(context.Background(), escape.Demo)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range ds {
		if d.Heap() {
			fmt.Println(d)
		}
	}
	// Output:
	// main.go:19:2: moved to heap: n
	// main.go:30:6: moved to heap: big
}

func ExampleParse() {
	out := `main.go:5:10: xs does not escape
main.go:19:2: moved to heap: n
`
	for _, d := range escape.Parse(out) {
		fmt.Printf("line %d: heap=%v (%s)\n", d.Line, d.Heap(), d.Message)
	}
	// Output:
	// line 5: heap=false (xs does not escape)
	// line 19: heap=true (moved to heap: n)
}
