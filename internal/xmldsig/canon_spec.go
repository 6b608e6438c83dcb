package xmldsig

import "strings"

// readCanon reads the canonicalization an algorithm element (the
// CanonicalizationMethod or the second Transform) names. The jcx profile
// allows exclusive C14N without parameters only; with qnames, the QName
// profile also allows C14N 1.1, and exclusive C14N with one
// ec:InclusiveNamespaces child carrying a PrefixList.
func readCanon(el *node, qnames bool) (canonSpec, error) {
	if !qnames {
		return canonSpec{alg: AlgExcC14N}, algorithmIs(el, AlgExcC14N)
	}
	kids, err := elements(el, []string{"Algorithm"})
	if err != nil {
		return canonSpec{}, err
	}
	alg, _ := el.attrValue("Algorithm")
	spec := canonSpec{alg: alg}
	switch {
	case alg != AlgC14N11 && alg != AlgC14N10 && alg != AlgExcC14N:
		return spec, notAllowed("%s Algorithm %q not allowed, want %s", el.local, alg, canonNames(true))
	case len(kids) == 0:
		return spec, nil
	case alg != AlgExcC14N || len(kids) > 1 || kids[0].local != "InclusiveNamespaces" || kids[0].uri != AlgExcC14N:
		return spec, notAllowed("parameters in %s not allowed, other than one ec:InclusiveNamespaces for exclusive C14N", el.fullTag())
	}
	inc := kids[0]
	if more, err := elements(inc, []string{"PrefixList"}); err != nil {
		return spec, err
	} else if len(more) > 0 {
		return spec, invalid("unexpected element %s in InclusiveNamespaces", more[0].fullTag())
	}
	list, ok := inc.attrValue("PrefixList")
	if !ok {
		return spec, invalid("InclusiveNamespaces without PrefixList")
	}
	if spec.prefixes, err = parsePrefixList(list); err != nil {
		return spec, err
	}
	return spec, nil
}

// parsePrefixList splits a PrefixList (white-space separated NCNames and
// #default) and checks each entry.
func parsePrefixList(list string) ([]string, error) {
	prefixes := strings.Fields(list) // XML white space is a subset of what Fields splits at
	if len(prefixes) > maxPrefixes {
		return nil, invalid("PrefixList of %d prefixes, more than %d", len(prefixes), maxPrefixes)
	}
	for _, p := range prefixes {
		if p == prefixDefault {
			continue
		}
		if _, _, ok := splitQName([]byte(p)); !ok || strings.ContainsRune(p, ':') || p == "xmlns" || !isASCIIName(p) {
			return nil, invalid("PrefixList entry %q is not a prefix", p)
		}
	}
	return prefixes, nil
}

// isASCIIName reports whether p is a Name made of ASCII letters, digits
// and . - _ (what a namespace prefix of a real document looks like; other
// names are refused rather than half-checked).
func isASCIIName(p string) bool {
	for i := range len(p) {
		b := p[i]
		switch {
		case b >= 'a' && b <= 'z', b >= 'A' && b <= 'Z', b == '_':
		case i > 0 && (b >= '0' && b <= '9' || b == '.' || b == '-'):
		default:
			return false
		}
	}
	return p != ""
}

// canonNames names the canonicalizations a profile allows, for messages.
func canonNames(qnames bool) string {
	if qnames {
		return "C14N 1.1, C14N 1.0 or exclusive C14N"
	}
	return "exclusive C14N"
}
