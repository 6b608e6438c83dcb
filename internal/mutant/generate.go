package mutant

import (
	"math/rand/v2"
	"strings"
)

// Mutant is one generated document.
type Mutant struct {
	Seed int    // index of the document it was made from
	What string // the mutations applied, in order
	Data []byte
}

// Generate makes n mutants of the seeds, taken in turn, each with one to
// three mutations. The sequence depends only on the seeds, n and seed.
func Generate(seeds []*Node, n int, seed uint64) []Mutant {
	if len(seeds) == 0 {
		return nil
	}
	r := rand.New(rand.NewPCG(1+seed, uint64(len(seeds))))
	out := make([]Mutant, 0, n)
	for i := 0; len(out) < n; i++ {
		k := i % len(seeds)
		m := seeds[k]
		var desc []string
		for j := r.IntN(3); j >= 0; j-- {
			var d string
			m, d = Mutate(m, r)
			desc = append(desc, d)
		}
		out = append(out, Mutant{Seed: k, What: strings.Join(desc, "; "), Data: m.Bytes()})
	}
	return out
}
