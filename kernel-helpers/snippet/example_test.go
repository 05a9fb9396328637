package snippet_test

import (
	"context"
	"fmt"

	"concurrencylab/kernel-helpers/snippet"
)

func ExampleProgram_Run() {
	p, err := snippet.New(`package main

func main() { println("hi") }
`)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer p.Remove()
	if _, err := p.Build(context.Background()); err != nil {
		fmt.Println(err)
		return
	}
	res, err := p.Run(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("exit %d: %s", res.ExitCode, res.Output)
	// Output: exit 0: hi
}

func ExampleStripPaths() {
	fmt.Println(snippet.StripPaths("/tmp/snippet-42/main.go:17:2: moved to heap: n"))
	// Output: main.go:17:2: moved to heap: n
}
