package predict_test

import (
	"fmt"

	"concurrencylab/kernel-helpers/predict"
)

func ExampleRatio() {
	guessSpeedup := 3.5 // the learner's guess, from the parameter cell
	fmt.Println(predict.Ratio("the speedup on 2 cores", guessSpeedup, 1.9))
	fmt.Println(predict.Ratio("the speedup on 2 cores", 0, 1.9))
	// Output:
	// **Your prediction of the speedup on 2 cores:** you guessed 3.5×; measured 1.9×: 1.8 times too high.
	// **Your prediction of the speedup on 2 cores:** no guess given; measured 1.9×. Set your guess in the parameter cell before running, then compare.
}
