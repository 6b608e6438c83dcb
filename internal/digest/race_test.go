//go:build race

package digest

// raceEnabled shrinks TestGigabyte: the race detector has nothing to find
// in one goroutine hashing, and slows the generator tenfold.
const raceEnabled = true
