package xsd

import (
	"math/big"
	"strings"
	"sync"
)

// The built-in simple types of XML Schema 1.0 Part 2, keyed by local name.
var (
	builtinOnce sync.Once
	builtins    map[string]*simpleType
)

func builtinByName(local string) *simpleType {
	builtinOnce.Do(initBuiltins)
	return builtins[local]
}

func initBuiltins() {
	builtins = map[string]*simpleType{}
	def := func(name string, base *simpleType, prim primitive, ws wsMode, lex func(string, nsLookup) (value, bool)) *simpleType {
		t := &simpleType{name: qname{nsXSD, name}, prim: prim, lex: lex, base: base, ws: ws, builtin: name}
		if base != nil {
			t.id = base.id
		}
		builtins[name] = t
		return t
	}
	str := func(p primitive) func(string, nsLookup) (value, bool) {
		return func(s string, _ nsLookup) (value, bool) { return value{prim: p, s: s}, true }
	}
	checked := func(p primitive, ok func(string) bool) func(string, nsLookup) (value, bool) {
		return func(s string, _ nsLookup) (value, bool) { return value{prim: p, s: s}, ok(s) }
	}
	any := def("anySimpleType", nil, pAnySimple, wsPreserve, str(pAnySimple))

	s := def("string", any, pString, wsPreserve, str(pString))
	ns := def("normalizedString", s, pString, wsReplace, str(pString))
	tok := def("token", ns, pString, wsCollapse, str(pString))
	def("language", tok, pString, wsCollapse, checked(pString, isLanguage))
	nmtoken := def("NMTOKEN", tok, pString, wsCollapse, checked(pString, isNmtoken))
	name := def("Name", tok, pString, wsCollapse, checked(pString, isName))
	ncname := def("NCName", name, pString, wsCollapse, checked(pString, isNCName))
	id := def("ID", ncname, pString, wsCollapse, checked(pString, isNCName))
	id.id = idID
	idref := def("IDREF", ncname, pString, wsCollapse, checked(pString, isNCName))
	idref.id = idIDREF
	// No unparsed entity can be declared (DTDs are refused), so no value
	// is a valid ENTITY; libxml2 agrees.
	entity := def("ENTITY", ncname, pString, wsCollapse, checked(pString, func(string) bool { return false }))
	defList := func(name string, item *simpleType) {
		t := def(name, any, pString, wsCollapse, nil)
		// XSD gives these lists minLength 1; libxml2 accepts the empty
		// list, and verdicts must agree with it.
		t.variety, t.item, t.id = list, item, idNone
	}
	defList("NMTOKENS", nmtoken)
	defList("IDREFS", idref)
	defList("ENTITIES", entity)

	def("boolean", any, pBoolean, wsCollapse, lexBoolean)
	dec := def("decimal", any, pDecimal, wsCollapse, lexDecimal)
	integer := def("integer", dec, pDecimal, wsCollapse, lexInteger(nil, nil))
	ranged := func(name string, base *simpleType, lo, hi string) *simpleType {
		return def(name, base, pDecimal, wsCollapse, lexInteger(bigInt(lo), bigInt(hi)))
	}
	npi := ranged("nonPositiveInteger", integer, "", "0")
	ranged("negativeInteger", npi, "", "-1")
	long := ranged("long", integer, "-9223372036854775808", "9223372036854775807")
	i32 := ranged("int", long, "-2147483648", "2147483647")
	i16 := ranged("short", i32, "-32768", "32767")
	ranged("byte", i16, "-128", "127")
	nni := ranged("nonNegativeInteger", integer, "0", "")
	// libxml2 refuses any sign on the unsigned types; verdicts follow it.
	unsigned := func(name string, base *simpleType, hi string) *simpleType {
		lex := lexInteger(bigInt("0"), bigInt(hi))
		return def(name, base, pDecimal, wsCollapse, func(s string, ns nsLookup) (value, bool) {
			if s != "" && (s[0] == '+' || s[0] == '-') {
				return value{}, false
			}
			return lex(s, ns)
		})
	}
	ul := unsigned("unsignedLong", nni, "18446744073709551615")
	ui := unsigned("unsignedInt", ul, "4294967295")
	us := unsigned("unsignedShort", ui, "65535")
	unsigned("unsignedByte", us, "255")
	ranged("positiveInteger", nni, "1", "")

	def("float", any, pFloat, wsCollapse, lexFloat(pFloat))
	def("double", any, pDouble, wsCollapse, lexFloat(pDouble))
	def("duration", any, pDuration, wsCollapse, lexDuration)
	for _, k := range []struct {
		name string
		p    primitive
	}{
		{"dateTime", pDateTime}, {"time", pTime}, {"date", pDate}, {"gYearMonth", pGYearMonth},
		{"gYear", pGYear}, {"gMonthDay", pGMonthDay}, {"gDay", pGDay}, {"gMonth", pGMonth},
	} {
		def(k.name, any, k.p, wsCollapse, lexDateTime(k.p))
	}
	def("hexBinary", any, pHexBinary, wsCollapse, lexHex)
	def("base64Binary", any, pBase64Binary, wsCollapse, lexBase64)
	def("anyURI", any, pAnyURI, wsCollapse, lexAnyURI)
	def("QName", any, pQName, wsCollapse, lexQName(pQName))
	for _, n := range []string{"long", "int", "short", "byte", "unsignedLong", "unsignedInt",
		"unsignedShort", "unsignedByte", "dateTime", "date", "time", "gYear", "gYearMonth",
		"gMonth", "gMonthDay", "gDay", "duration", "QName"} {
		builtins[n].strictWS = true
	}
	// A NOTATION value must name a declared notation; notations are not
	// supported (restricting xs:NOTATION is refused at compile time), so no
	// value is valid, which is also libxml2's verdict without notations.
	def("NOTATION", any, pNOTATION, wsCollapse, func(string, nsLookup) (value, bool) { return value{}, false })
}

func bigInt(s string) *big.Rat {
	if s == "" {
		return nil
	}
	r, _ := new(big.Rat).SetString(s)
	return r
}

func lexBoolean(s string, _ nsLookup) (value, bool) {
	switch s {
	case "true", "1":
		return value{prim: pBoolean, b: true}, true
	case "false", "0":
		return value{prim: pBoolean}, true
	}
	return value{}, false
}

// lexAnyURI mirrors libxml2: characters that RFC 3986 forbids but that
// are commonly escaped (space, non-ASCII, <>"{}|\^`) are tolerated, and
// the rest must parse as a URI reference: well-formed percent escapes, at
// most one '#', brackets only around an IP literal, and no ':' in the first
// segment of a relative reference.
func lexAnyURI(s string, _ nsLookup) (value, bool) {
	v := value{prim: pAnyURI, s: s}
	if s == "" {
		return v, true
	}
	if strings.Count(s, "#") > 1 || s[0] == ':' {
		return value{}, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && (i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2])) {
			return value{}, false
		}
	}
	// Scheme?
	i := 0
	for i < len(s) && (isAlpha(s[i]) || i > 0 && (isDigit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')) {
		i++
	}
	hasScheme := i > 0 && i < len(s) && s[i] == ':'
	rest := s
	if hasScheme {
		rest = s[i+1:]
	} else {
		// A relative reference: no ':' in its first path segment.
		first := s
		if k := strings.IndexAny(s, "/?#"); k >= 0 {
			first = s[:k]
		}
		if strings.Contains(first, ":") {
			return value{}, false
		}
	}
	if strings.ContainsAny(rest, "[]") {
		// Only an IP literal host: //[...]
		if !strings.HasPrefix(rest, "//[") {
			return value{}, false
		}
		end := strings.IndexByte(rest, ']')
		if end < 0 || strings.ContainsAny(rest[end+1:], "[]") {
			return value{}, false
		}
	}
	return v, true
}

func isHex(c byte) bool {
	return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func lexQName(p primitive) func(string, nsLookup) (value, bool) {
	return func(s string, ns nsLookup) (value, bool) {
		q, ok := resolveQName(s, ns)
		if !ok {
			return value{}, false
		}
		return value{prim: p, s: "{" + q.ns + "}" + q.local}, true
	}
}

// resolveQName reads a QName's lexical form and resolves its prefix with ns (none
// resolved when ns is nil).
func resolveQName(s string, ns nsLookup) (qname, bool) {
	prefix, local, found := strings.Cut(s, ":")
	if !found {
		prefix, local = "", prefix
	}
	if !isNCName(local) || (found && !isNCName(prefix)) {
		return qname{}, false
	}
	uri := ""
	if ns != nil {
		u, ok := ns.lookupNS(prefix)
		if !ok && prefix != "" {
			return qname{}, false
		}
		uri = u
	}
	return qname{uri, local}, true
}
