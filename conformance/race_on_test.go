//go:build race

package conformance

// raceDetector is true when the tests run under the race detector, which makes
// everything several times slower: timing bounds are only asserted without it.
const raceDetector = true
