//go:build !race

package hi1

const raceEnabled = false
