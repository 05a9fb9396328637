//go:build race

package exercise

// raceEnabled says whether this program was built with -race.
const raceEnabled = true
