package progress_test

import (
	"fmt"
	"os"
	"slices"
	"sync"

	"concurrencylab/kernel-helpers/progress"
)

// In a notebook the bar updates in place and ends as a summary; here, outside
// one, only the summary line reaches the writer. The elapsed time varies, so
// there is no Output comment.
func ExampleBar() {
	sizes := []int{1_000, 10_000, 100_000}
	p := progress.New("sort", len(sizes), progress.WithWriter(os.Stdout))
	sorted := 0
	for _, n := range sizes {
		s := make([]int, n)
		for i := range s {
			s[i] = (i * 7919) % n
		}
		slices.Sort(s)
		sorted += len(s)
		p.Add(1)
	}
	p.Done() // prints e.g. "sort: 3/3 done in 12 ms"
	fmt.Println(sorted, "numbers sorted")
}

// Workers may report progress concurrently.
func ExampleBar_Add_concurrent() {
	const jobs = 8
	p := progress.New("jobs", jobs)
	var wg sync.WaitGroup
	for range jobs {
		wg.Go(func() { p.Add(1) })
	}
	wg.Wait()
	p.Done()
	fmt.Println(p.Count(), "jobs done")
	// Output: 8 jobs done
}
