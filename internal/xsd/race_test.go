//go:build race

package xsd

// raceEnabled scales cost tests down and drops their budgets: the race
// detector slows code and inflates allocations several times over.
const raceEnabled = true
