//go:build !race

package refimpl_test

const raceEnabled = false
