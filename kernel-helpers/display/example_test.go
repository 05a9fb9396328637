package display_test

import (
	"fmt"

	"concurrencylab/kernel-helpers/display"
)

func ExampleTableMarkdown() {
	md, err := display.TableMarkdown(
		[]string{"strategy", "median"},
		[][]string{{"sequential", "120 ms"}, {"cpu|io", "45 ms"}},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(md)
	// Output:
	// | strategy | median |
	// | --- | --- |
	// | sequential | 120 ms |
	// | cpu\|io | 45 ms |
}

func ExamplePlot() {
	// Outside a notebook this shows nothing and prints nothing; in GoNB the
	// chart (or the builder's error) appears under the cell.
	display.Plot([]byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>`), nil)
	// Output:
}
