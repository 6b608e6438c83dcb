// Package intake bounds what a receiver takes in before it judges a message: the
// memory request bodies hold across concurrent requests (Budget, ReadBody) and the
// transaction identifiers it has accepted, for refusing replays (ReplayCache). The
// reference implementation and the HTTP binding share it.
package intake
