// Command newnotebook adds a notebook to the course (see package scaffold):
//
//	go run ./kernel-helpers/tooling/scaffold/newnotebook -name 07-pipelines -title Pipelines -summary "…"
//
// Run it from the project's root; `make notebook` does.
package main

import (
	"flag"
	"fmt"
	"os"

	"concurrencylab/kernel-helpers/tooling/scaffold"
)

func main() {
	var o scaffold.Options
	flag.StringVar(&o.Name, "name", "", "the notebook's name, such as 07-pipelines")
	flag.StringVar(&o.Title, "title", "", "its title, the first heading")
	flag.StringVar(&o.Summary, "summary", "", "one sentence for the course map")
	flag.StringVar(&o.Package, "package", "", "the first experiment package (default: from the name)")
	flag.Parse()
	files, err := scaffold.Create(".", o)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	for _, f := range files {
		fmt.Println("newnotebook: wrote", f)
	}
	fmt.Println("newnotebook: next, run it: REQUIRE_NOTEBOOKS=1 go test -run 'TestExecute/" + o.Name + "' ./notebooks/")
}
