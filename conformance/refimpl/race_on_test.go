//go:build race

package refimpl_test

// raceEnabled trims the slowest tests under the race detector, which makes every
// signature and schema check several times slower; the race-relevant paths still run.
const raceEnabled = true
