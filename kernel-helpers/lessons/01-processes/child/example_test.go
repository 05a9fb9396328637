package child_test

import (
	"context"
	"fmt"
	"time"

	"concurrencylab/kernel-helpers/lessons/01-processes/child"
)

func ExampleKill() {
	// Timings differ from run to run: no Output comment.
	k, err := child.Kill(context.Background(), 10_000_000_000, 10*time.Millisecond, 100*time.Millisecond)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(k.Exit, "after", len(k.Reports), "reports; last:", k.Last().Done)
	fmt.Println(k.Verdict())
}

func ExampleSeparate() {
	s, err := child.Separate(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, st := range s.Steps {
		fmt.Printf("%s: parent %s, child %s\n", st.Action, st.Parent, st.Child)
	}
	// Output:
	// the parent sets the variable to "set by the parent": parent "set by the parent", child (not started yet)
	// the parent starts a child process: parent "set by the parent", child (never set)
	// the child sets the variable to "set by the child": parent "set by the parent", child "set by the child"
}
