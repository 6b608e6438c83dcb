package main

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// defaultMix is the share of each operation: mostly fresh objects and reads of them,
// updates at the generation the client knows, and a steady trickle of replays.
const defaultMix = "create=3,get=3,update=2,replay=1,race=1"

// mix is a weighted choice of operations.
type mix struct {
	ops     []string
	weights []int
	total   int
}

// mixOps are the operations --mix may weigh.
var mixOps = []string{opCreate, opGet, opUpdate, opReplay, opRace}

// parseMix reads "op=weight,…". Operations left out get weight 0; at least one weight
// must be positive.
func parseMix(s string) (mix, error) {
	var m mix
	seen := map[string]bool{}
	for item := range strings.SplitSeq(s, ",") {
		name, w, ok := strings.Cut(strings.TrimSpace(item), "=")
		if !ok {
			return mix{}, fmt.Errorf("mix: %q is not op=weight", item)
		}
		known := false
		for _, op := range mixOps {
			known = known || op == name
		}
		if !known {
			return mix{}, fmt.Errorf("mix: unknown operation %q (want %s)", name, strings.Join(mixOps, ", "))
		}
		if seen[name] {
			return mix{}, fmt.Errorf("mix: %s given twice", name)
		}
		seen[name] = true
		n, err := strconv.Atoi(w)
		if err != nil || n < 0 || n > 1000 {
			return mix{}, fmt.Errorf("mix: weight of %s must be 0 to 1000", name)
		}
		if n > 0 {
			m.ops = append(m.ops, name)
			m.weights = append(m.weights, n)
			m.total += n
		}
	}
	if m.total == 0 {
		return mix{}, fmt.Errorf("mix: every weight is zero")
	}
	return m, nil
}

// pick chooses an operation.
func (m mix) pick(rng *rand.Rand) string {
	n := rng.IntN(m.total)
	for i, w := range m.weights {
		if n < w {
			return m.ops[i]
		}
		n -= w
	}
	return m.ops[len(m.ops)-1]
}

func (m mix) String() string {
	var parts []string
	for i, op := range m.ops {
		parts = append(parts, fmt.Sprintf("%s=%d", op, m.weights[i]))
	}
	return strings.Join(parts, ",")
}
