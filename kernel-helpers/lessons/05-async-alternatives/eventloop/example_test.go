package eventloop_test

import (
	"context"
	"fmt"
	"time"

	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/eventloop"
)

// Two coroutines take turns: each await hands the loop to the other, as in
//
//	async def worker(name):
//	    for i in range(2):
//	        print(name, i)
//	        await asyncio.sleep(0)
func ExampleLoop() {
	loop := eventloop.New()
	for _, name := range []string{"ping", "pong"} {
		_ = loop.Go(name, func(t *eventloop.Task) error {
			for i := range 2 {
				fmt.Println(t.Name(), i)
				if err := t.Yield(); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err := loop.Run(context.Background()); err != nil {
		fmt.Println(err)
	}
	// Output:
	// ping 0
	// pong 0
	// ping 1
	// pong 1
}

// Cancelling the context is task.cancel() for every task: a task asleep in
// Sleep wakes at once with the context's error.
func ExampleTask_Sleep_cancelled() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	loop := eventloop.New()
	_ = loop.Go("slow", func(t *eventloop.Task) error {
		err := t.Sleep(time.Hour)
		fmt.Println("slow woke:", err)
		return err
	})
	fmt.Println("run:", loop.Run(ctx))
	// Output:
	// slow woke: context deadline exceeded
	// run: context deadline exceeded
}
