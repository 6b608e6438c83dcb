// Package mutant makes invalid neighbours of valid XML documents, for tests
// that hold a validator to an oracle: delete, duplicate, swap, rename, move
// and re-namespace elements, add and change attributes, put wrong-typed
// values in, empty elements and nil them with xsi:nil. A few hundred
// mutants of a handful of real documents reach most of a schema's
// constraints, and about a fifth of them stay valid, so both verdicts are
// exercised.
//
//	seeds := []*mutant.Node{mutant.MustParse(doc1), mutant.MustParse(doc2)}
//	for _, m := range mutant.Generate(seeds, 2000, 1) {
//		// m.Data is the mutant, m.What says how it was made
//	}
//
// Mutants keep the prefixes and namespace declarations of the original, so
// they stay namespace-well-formed unless a mutation means otherwise. The
// sequence depends only on the seeds and the seed number, so a failure
// reproduces.
package mutant
