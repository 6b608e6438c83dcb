//go:build race

package safexml

// raceEnabled relaxes time and allocation bounds: the race detector slows
// code and inflates allocations several times over.
const raceEnabled = true
