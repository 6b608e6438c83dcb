package xsd

import (
	"strings"
)

type variety uint8

const (
	atomic variety = iota
	list
	union
)

// wsMode is the value of the whiteSpace facet.
type wsMode uint8

const (
	wsPreserve wsMode = iota
	wsReplace
	wsCollapse
)

// idKind marks the types whose values take part in ID/IDREF checking.
type idKind uint8

const (
	idNone idKind = iota
	idID
	idIDREF
)

// nsLookup resolves a prefix in the instance, for QName values.
type nsLookup interface {
	lookupNS(prefix string) (string, bool)
}

// simpleType is a compiled simple type definition: built-in or user-defined.
type simpleType struct {
	name    qname // zero for anonymous types
	variety variety
	prim    primitive
	// lex maps a whitespace-normalised literal to its value, enforcing the
	// lexical space and the constraints of the nearest built-in type.
	lex     func(s string, ns nsLookup) (value, bool)
	base    *simpleType
	item    *simpleType   // list
	members []*simpleType // union
	ws      wsMode
	facets  []*facetSet // one per restriction step, outermost last
	id      idKind
	builtin string // local name of the nearest built-in ancestor
	// strictWS: libxml2 refuses surrounding whitespace in values of some
	// built-in types (xs:int, xs:dateTime, xs:QName…) unless it normalises
	// the value first, which it does only for a type with a pattern or an
	// enumeration facet (see derivedStrictWS). Verdicts must agree with
	// libxml2, so this is reproduced.
	strictWS bool
	// absent marks the stand-in for a type the schema refers to but does
	// not declare (missing.go): no value is valid for it.
	absent bool
}

// derivedStrictWS decides strictWS for t, restricted from base in one step
// (any: the step has facets). libxml2 2.9.14 normalises a value before
// checking it when a step of the type's derivation has a pattern or an
// enumeration; a step without facets behaves as its base. So a facet-less restriction of
// xs:int, or one with only bounds (ActionIdentifier), refuses " 5 " as
// xs:int does, and one with a pattern accepts it. testdata/lexical and
// TestDifferentialLexical hold this to xmllint.
func derivedStrictWS(base, t *simpleType, any bool) bool {
	if t.variety != atomic {
		return false
	}
	if !any {
		return base.strictWS
	}
	if b := builtinByName(t.builtin); b == nil || !b.strictWS {
		return false
	}
	for _, f := range t.facets {
		if len(f.patterns) > 0 || f.hasEnum {
			return false
		}
	}
	return true
}

func (t *simpleType) String() string {
	if t.name.local == "" {
		return "anonymous type derived from xs:" + t.builtin
	}
	if t.name.ns == nsXSD {
		return "xs:" + t.name.local
	}
	return t.name.local
}

func normalizeWS(s string, mode wsMode) string {
	switch mode {
	case wsReplace:
		if strings.ContainsAny(s, "\t\n\r") {
			return strings.Map(func(r rune) rune {
				if r == '\t' || r == '\n' || r == '\r' {
					return ' '
				}
				return r
			}, s)
		}
	case wsCollapse:
		return collapse(s)
	}
	return s
}

// collapse implements whiteSpace="collapse" without allocating when the
// input is already collapsed.
func collapse(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\t' || c == '\n' || c == '\r' ||
			(c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' ')) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	// Leading and trailing whitespace goes by slicing; only a run inside
	// (a list's items on their own lines, say) needs a new string, built
	// in one pass.
	lo, hi := 0, len(s)
	for lo < hi && isSpaceByte(s[lo]) {
		lo++
	}
	for hi > lo && isSpaceByte(s[hi-1]) {
		hi--
	}
	s = s[lo:hi]
	inner := false
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\t' || c == '\n' || c == '\r' || c == ' ' && s[i+1] == ' ' {
			inner = true
			break
		}
	}
	if !inner {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if !isSpaceByte(s[i]) {
			b = append(b, s[i])
		} else if !isSpaceByte(s[i-1]) {
			b = append(b, ' ')
		}
	}
	return string(b)
}

// isXMLSpace reports whether r is whitespace in XML (the S production).
func isXMLSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

// validationError explains why a literal is not valid for a simple type.
type validationError struct{ msg string }

func (e *validationError) Error() string { return e.msg }

// validate checks a literal against t and returns its value. For lists the
// value is the normalised string. ids receives ID/IDREF tokens.
func (t *simpleType) validate(raw string, ns nsLookup, ids func(idKind, string)) (value, error) {
	if t.absent {
		return value{}, &validationError{"type " + t.name.String() + " is not declared in the schema, so no value is valid for it (a missing component, XSD 1.0 §5.3)"}
	}
	norm := normalizeWS(raw, t.ws)
	switch t.variety {
	case list:
		// A list's separators are XML's four whitespace characters, never
		// U+0085, U+00A0 or U+2028, which strings.Fields would take. Items
		// are visited, not collected: a KML file has hundreds of
		// coordinate lists.
		items := 0
		for it := range strings.FieldsFuncSeq(norm, isXMLSpace) {
			if _, err := t.item.validate(it, ns, ids); err != nil {
				return value{}, &validationError{"list item " + quote(it) + ": " + err.Error()}
			}
			items++
		}
		v := value{prim: pString, s: norm}
		if err := t.checkFacets(norm, v, items); err != nil {
			return value{}, err
		}
		return v, nil
	case union:
		for _, m := range t.members {
			// libxml2 normalises before trying members, so its refusal of
			// surrounding whitespace for some built-ins does not apply here.
			lit := normalizeWS(raw, m.ws)
			v, err := m.validate(lit, ns, nil)
			if err == nil {
				if ids != nil && m.mayHaveIDs() {
					_, _ = m.validate(lit, ns, ids)
				}
				if err := t.checkFacets(normalizeWS(raw, m.ws), v, -1); err != nil {
					return value{}, err
				}
				return v, nil
			}
		}
		return value{}, &validationError{"value " + quote(norm) + " is not valid for any member of the union " + t.String()}
	}
	v, ok := t.lex(norm, ns)
	if ok && t.strictWS && len(norm) != len(raw) {
		// For QName, libxml2 trips only over a prefixed name (it splits the
		// unnormalised literal at the colon).
		if ok = t.prim == pQName && strings.IndexByte(norm, ':') < 0; !ok {
			// The value itself is fine: say what is refused.
			return value{}, &validationError{"value " + quote(raw) + ": white space around an xs:" + t.builtin +
				" value is refused here, as libxml2 refuses it"}
		}
	}
	if !ok {
		return value{}, &validationError{"value " + quote(norm) + " is not a valid xs:" + t.builtin}
	}
	if err := t.checkFacets(norm, v, -1); err != nil {
		return value{}, err
	}
	if ids != nil && t.id != idNone {
		ids(t.id, norm)
	}
	return v, nil
}

// mayHaveIDs reports whether values of t can contain ID or IDREF tokens.
func (t *simpleType) mayHaveIDs() bool {
	switch {
	case t.id != idNone:
		return true
	case t.variety == list:
		return t.item.mayHaveIDs()
	case t.variety == union:
		for _, m := range t.members {
			if m.mayHaveIDs() {
				return true
			}
		}
	}
	return false
}
