//go:build race

package exercise_test

const raceEnabled = true
