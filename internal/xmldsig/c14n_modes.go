package xmldsig

import (
	"bytes"
	"slices"
)

// Canonical XML 1.1 and exclusive C14N with an InclusiveNamespaces
// PrefixList: the canonical forms of the QName profile (qname.go), as
// variations of the one pass of c14n.go. They differ from the jcx
// profile's exclusive C14N only in which namespace declarations a start
// tag renders, and, for C14N 1.1, in the xml: attributes the apex of a
// document subset inherits:
//
//   - C14N 1.1 renders every namespace in scope: on the apex of an output
//     all of them, below it each declaration that changes what the parent
//     rendered (W3C Canonical XML 1.1 §2.3, §4). The content (the whole
//     document without the enveloped signature) has no other subtleties;
//     SignedInfo, the apex of its own subset, inherits xml:lang and
//     xml:space from its ancestors (§2.4). xml:base there would need the
//     fixup of §2.4, which the profile has no use for: it is refused.
//   - Exclusive C14N renders what an element visibly utilizes, as before,
//     plus the prefixes of the PrefixList treated the inclusive way
//     (Exclusive XML Canonicalization §3): in scope and not rendered with
//     the same value by an output ancestor.
//
// Both keep a namespace declaration that only an attribute value uses,
// which is what a signature over xsi:type QNames needs. The pass checks it
// (checkQNames): every QName of an xsi:type value must resolve in the
// canonical content to the namespace it resolves to in the document, or
// the document is refused.

// AlgC14N11 is Canonical XML 1.1 without comments.
const AlgC14N11 = "http://www.w3.org/2006/12/xml-c14n11"

// AlgC14N10 is Canonical XML 1.0 without comments, which the QName profile
// verifies but does not sign with: it is the default of many XML-DSig
// libraries, named or implied by a Reference whose only transform is
// enveloped-signature (XML-DSig §4.3.3.2: a node-set left at the end of the
// transforms becomes octets by Canonical XML 1.0). For a whole document it
// is C14N 1.1; on SignedInfo, the apex of its own subset, it inherits every
// xml: attribute of the ancestors where C14N 1.1 inherits xml:lang and
// xml:space only, so the profile refuses any other xml: attribute on an
// ancestor of SignedInfo under C14N 1.0 rather than render it.
const AlgC14N10 = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"

const (
	nsXSI = "http://www.w3.org/2001/XMLSchema-instance"
	// prefixDefault stands for the default namespace in a PrefixList.
	prefixDefault = "#default"
	// maxPrefixes bounds a PrefixList, read or written.
	maxPrefixes = 64
)

// canonSpec names a canonical form as a signature does: the algorithm and,
// for exclusive C14N, the InclusiveNamespaces PrefixList.
type canonSpec struct {
	alg      string
	prefixes []string // as written, prefixDefault for the default namespace
}

func (s canonSpec) equal(t canonSpec) bool {
	return s.alg == t.alg && slices.Equal(s.prefixes, t.prefixes)
}

// mode is how the pass renders namespaces for s.
func (s canonSpec) mode() canonMode {
	switch s.alg {
	case AlgC14N11:
		return canonMode{inclusive: true}
	case AlgC14N10:
		return canonMode{inclusive: true, c14n10: true}
	}
	var m canonMode
	for _, p := range s.prefixes {
		if p == prefixDefault {
			p = ""
		}
		m.prefixes = append(m.prefixes, []byte(p))
	}
	return m
}

// canonMode is how one output of the pass renders namespaces. The zero
// value is exclusive C14N with an empty PrefixList.
type canonMode struct {
	inclusive bool     // C14N 1.1 or 1.0
	c14n10    bool     // C14N 1.0: an apex inherits every xml: attribute
	prefixes  [][]byte // exclusive C14N: the PrefixList, "" for #default
}

// passConfig configures one pass. The zero value is the jcx profile.
type passConfig struct {
	modes [numOut]canonMode
	// qnames checks the QNames of xsi:type values and gathers what the
	// QName profile needs (qnameFacts).
	qnames bool
}

// qnameConfig is the pass for a signature whose content is canonicalized
// by ref and whose SignedInfo by si.
func qnameConfig(si, ref canonSpec) passConfig {
	var cfg passConfig
	cfg.modes[outContent], cfg.modes[outSignedInfo] = ref.mode(), si.mode()
	cfg.qnames = true
	return cfg
}

// xmlAttrs are the xml: attributes in effect at an element.
type xmlAttrs struct {
	lang, space       []byte
	hasLang, hasSpace bool
	base              bool
	other             []byte // the name of another xml: attribute (xml:id, …), if any
}

// qnameFacts is what a pass with passConfig.qnames learns.
type qnameFacts struct {
	// prefixes are those the xsi:type values of the content use, sorted,
	// prefixDefault for an unprefixed QName.
	prefixes []string
	// err is the first xsi:type value that is not a QName, uses an
	// undeclared prefix, or is not bound in the canonical content as it
	// is in the document.
	err error
	// lastLocal and lastURI name the root's last child element.
	lastLocal, lastURI []byte
	// xmlBase is set when the apex of a C14N 1.1 or 1.0 output below the
	// root (SignedInfo) has an ancestor with xml:base.
	xmlBase bool
	// xmlOther names an xml: attribute other than lang, space and base on
	// an ancestor of the apex of a C14N 1.0 output, which it would inherit.
	xmlOther []byte
}

// trackQNameProfile records, as an element at depth opens, the facts the
// QName profile needs: the root's last child and the xml: attributes in
// effect.
func (c *c14n) trackQNameProfile(depth int, local, uri []byte) {
	if depth == 1 {
		c.res.qnames.lastLocal, c.res.qnames.lastURI = local, uri
	}
	var eff xmlAttrs
	if depth > 0 {
		eff = c.xmlStack[depth-1]
	}
	for _, a := range c.attrs {
		if string(a.prefix) != "xml" {
			continue
		}
		switch string(a.local) {
		case "lang":
			eff.lang, eff.hasLang = a.value, true
		case "space":
			eff.space, eff.hasSpace = a.value, true
		case "base":
			eff.base = true
		default:
			eff.other = a.qname
		}
	}
	c.xmlStack = append(c.xmlStack[:depth], eff)
}

// renderMode renders the declarations o's mode adds to those an element
// visibly utilizes. mark is where the element's rendered declarations
// start, declStart where its own declarations start on c.scope.
func (c *c14n) renderMode(o *output, mark, declStart int, apex bool) {
	if o.mode.inclusive {
		scope := c.scope.b[declStart:]
		if apex {
			scope = c.scope.b
		}
		// Innermost first: a shadowed binding then finds the prefix
		// rendered by the element itself and is skipped.
		for k := len(scope) - 1; k >= 0; k-- {
			if b := scope[k]; string(b.prefix) != "xml" {
				o.renderIfNeeded(mark, b.prefix, b.uri)
			}
		}
		return
	}
	for _, p := range o.mode.prefixes {
		if string(p) == "xml" {
			continue
		}
		if uri, ok := c.lookup(p); ok {
			o.renderIfNeeded(mark, p, uri)
		}
	}
}

// inheritXMLAttrs returns attrs with the xml:lang and xml:space of the
// ancestors added where the element has none (C14N 1.1 §2.4, C14N 1.0
// §2.4: the apex of a document subset). An xml:base there, and under C14N
// 1.0 any other xml: attribute, is noted for refusal.
func (c *c14n) inheritXMLAttrs(attrs []attr, mode canonMode) []attr {
	inh := c.xmlStack[len(c.stack)-1]
	if inh.base {
		c.res.qnames.xmlBase = true
	}
	if mode.c14n10 && inh.other != nil && c.res.qnames.xmlOther == nil {
		c.res.qnames.xmlOther = bytes.Clone(inh.other)
	}
	own := c.xmlStack[len(c.stack)]
	var out []attr
	add := func(local string, value []byte) {
		if out == nil {
			out = append(make([]attr, 0, len(attrs)+2), attrs...)
		}
		out = append(out, attr{qname: []byte("xml:" + local), prefix: []byte("xml"), local: []byte(local), value: value, uri: []byte(nsXML)})
	}
	// own holds the inherited values too; what the element wrote itself
	// shows in attrs.
	hasOwn := func(local string) bool {
		return slices.ContainsFunc(attrs, func(a attr) bool { return string(a.prefix) == "xml" && string(a.local) == local })
	}
	if own.hasLang && !hasOwn("lang") {
		add("lang", inh.lang)
	}
	if own.hasSpace && !hasOwn("space") {
		add("space", inh.space)
	}
	if out == nil {
		return attrs
	}
	return out
}

// checkQNames checks the xsi:type attributes of the start tag just written
// to o, the content: each value's QName must resolve there, through what
// o has rendered, to the namespace it resolves to in the document.
// Otherwise the prefix could be rebound without changing the digest.
func (c *c14n) checkQNames(o *output, name []byte) {
	for _, a := range c.attrs {
		if a.decl || string(a.local) != "type" || string(a.uri) != nsXSI {
			continue
		}
		v := bytes.Trim(a.value, " \t\r\n") // xsi:type is a QName: white space collapses
		prefix, _, ok := splitQName(v)
		if !ok {
			c.qnameError("xsi:type value %q on <%s> is not a QName", v, name)
			continue
		}
		c.notePrefix(prefix)
		if string(prefix) == "xml" {
			continue
		}
		want, ok := c.lookup(prefix)
		if !ok {
			c.qnameError("xsi:type value %q on <%s> uses the undeclared prefix %s", v, name, prefix)
			continue
		}
		var got []byte
		if k, ok := o.rendered.find(prefix); ok {
			got = o.rendered.b[k].uri
		} else if len(prefix) > 0 {
			c.qnameError("xsi:type value %q on <%s>: the canonicalization does not bind prefix %s, so it could be rebound without breaking the signature", v, name, prefix)
			continue
		}
		if !bytes.Equal(got, want) {
			c.qnameError("xsi:type value %q on <%s>: the canonicalization binds its prefix to %q, the document to %q", v, name, got, want)
		}
	}
}

func (c *c14n) qnameError(format string, args ...any) {
	if c.res.qnames.err == nil {
		c.res.qnames.err = invalid(format, args...)
	}
}

// notePrefix adds the prefix of an xsi:type value to qnames.prefixes.
func (c *c14n) notePrefix(prefix []byte) {
	p := string(prefix)
	if p == "" {
		p = prefixDefault
	}
	ps := c.res.qnames.prefixes
	if i, found := slices.BinarySearch(ps, p); !found {
		if len(ps) >= maxPrefixes {
			c.qnameError("xsi:type values use more than %d prefixes", maxPrefixes)
			return
		}
		c.res.qnames.prefixes = slices.Insert(ps, i, p)
	}
}

// check reports what the QName profile refuses in the facts of a pass.
func (q *qnameFacts) check() error {
	if q.err != nil {
		return q.err
	}
	if q.xmlBase {
		return notAllowed("xml:base on an ancestor of SignedInfo with inclusive C14N is not supported")
	}
	if q.xmlOther != nil {
		return notAllowed("%s on an ancestor of SignedInfo with C14N 1.0 is not supported", q.xmlOther)
	}
	return nil
}

// foreignSignature explains a document without a ds:Signature whose root's
// last child is a Signature element in another namespace.
func (q *qnameFacts) foreignSignature() error {
	if string(q.lastLocal) != "Signature" || string(q.lastURI) == NamespaceDSig {
		return nil
	}
	return invalid("the root's last child is a Signature in namespace %q, not an XML-DSig signature: "+
		"the signature must be a ds:Signature in %s", q.lastURI, NamespaceDSig)
}
