//go:build !race

package safexml

const raceEnabled = false
