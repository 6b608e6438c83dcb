//go:build race

package hi1

// raceEnabled skips timing comparisons: the race detector slows code several times over.
const raceEnabled = true
