//go:build race

package main

// raceEnabled slows the time limits of the hostile-input tests: the race detector makes
// the parsers several times slower without changing what they do.
const raceEnabled = true
