package xsd

import (
	"math/big"
	"strings"
	"sync"
)

// Conditional inclusion (XSD 1.1 Structures §4.2.1, which asks XSD 1.0
// processors to honour it too): an element of a schema document that
// carries vc:minVersion, vc:maxVersion, vc:typeAvailable,
// vc:typeUnavailable, vc:facetAvailable or vc:facetUnavailable is removed,
// with everything in it, before anything else reads the document, unless
// this processor — XSD 1.0, its built-in types and facets — meets the
// condition. It lets one schema document carry XSD 1.1 constructs such as
// xs:assert for processors that know them. A condition that is not
// lexically valid is an error in XSD 1.1 only; to XSD 1.0 it is a foreign
// attribute like any other, so it is ignored and the element kept.

const nsVC = "http://www.w3.org/2007/XMLSchema-versioning"

// facets10 are the constraining facets of XSD 1.0.
var facets10 = map[string]bool{
	"length": true, "minLength": true, "maxLength": true, "pattern": true, "enumeration": true,
	"whiteSpace": true, "maxInclusive": true, "maxExclusive": true, "minInclusive": true,
	"minExclusive": true, "totalDigits": true, "fractionDigits": true,
}

// version10 is this processor's XSD version for vc:minVersion and vc:maxVersion.
var version10 = sync.OnceValue(func() *big.Rat { return big.NewRat(1, 1) })

// pruneConditional removes from n's descendants the elements whose
// conditions this processor does not meet.
func pruneConditional(n *xnode) {
	kept := n.kids[:0]
	for _, k := range n.kids {
		if meetsConditions(k) {
			pruneConditional(k)
			kept = append(kept, k)
		}
	}
	n.kids = kept
}

// meetsConditions reads the vc: attributes of n.
func meetsConditions(n *xnode) bool {
	keep := true
	for _, a := range n.attrs {
		if a.Name.Space != nsVC {
			continue
		}
		ok := true
		switch a.Name.Local {
		case "minVersion", "maxVersion":
			v, valid := new(big.Rat).SetString(strings.TrimSpace(a.Value))
			switch {
			case !valid || !isDecimal(strings.TrimSpace(a.Value)):
			case a.Name.Local == "minVersion":
				ok = version10().Cmp(v) >= 0
			default:
				ok = version10().Cmp(v) < 0
			}
		case "typeAvailable", "typeUnavailable", "facetAvailable", "facetUnavailable":
			all, valid := allAvailable(n, a.Name.Local, a.Value)
			if valid {
				ok = all != strings.HasSuffix(a.Name.Local, "Unavailable")
			}
		}
		keep = keep && ok
	}
	return keep
}

// allAvailable reports whether every QName of a vc: type or facet list
// names a built-in type or a facet of XSD 1.0, and whether the list is a
// list of QNames.
func allAvailable(n *xnode, attr, list string) (all, valid bool) {
	all = true
	for _, v := range strings.Fields(list) {
		q, err := n.resolveQName(v)
		if err != nil {
			return false, false
		}
		if q.ns != nsXSD {
			all = false
			continue
		}
		if strings.HasPrefix(attr, "type") {
			all = all && (q.local == "anyType" || builtinByName(q.local) != nil)
		} else {
			all = all && facets10[q.local]
		}
	}
	return all, true
}

// isDecimal reports whether s has the lexical form of xs:decimal.
func isDecimal(s string) bool {
	if strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-") {
		s = s[1:]
	}
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.' && !strings.Contains(s[i+1:], "."):
		default:
			return false
		}
	}
	return digits > 0
}
