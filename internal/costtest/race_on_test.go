//go:build race

package costtest_test

const raceEnabled = true
