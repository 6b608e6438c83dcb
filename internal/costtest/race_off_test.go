//go:build !race

package costtest_test

const raceEnabled = false
