package hi1

import (
	"encoding/xml"
	"slices"
	"strings"
)

// Extension is an element the model does not type, kept as it was received so that it is
// re-emitted rather than dropped: a national extension (NationalHandlingParameters and
// the other abstract National… members), the type-specific members of an object whose
// xsi:type this package does not know, the content of an xs:any (DeliveryObject's XMLData
// and its manifest schema) and the message's Signature.
type Extension struct {
	// Name is the element's expanded name.
	Name xml.Name
	// XML is the element, self-contained and canonical-safe: it declares every namespace
	// that was in scope where it was found, so its prefixes (those in xsi:type values
	// too) keep their meaning wherever it is written; characters are escaped as canonical
	// XML escapes them, and comments and processing instructions are not kept.
	XML []byte
}

// usedDecls returns the declarations n needs to be read on its own: its own, the
// default namespace in scope, and each in-scope prefix its subtree uses in a name or, as
// a QName, in an attribute value or text (an xsi:type value, say).
func usedDecls(n *node) []Namespace {
	out := append([]Namespace(nil), n.decls...)
	own := map[string]bool{}
	for _, d := range n.decls {
		own[d.Prefix] = true
	}
	used := map[string]bool{"": true}
	usedPrefixes(n, used)
	for p := range used {
		if own[p] || p == "xml" {
			continue
		}
		if uri, ok := n.lookup(p); ok && uri != "" {
			out = append(out, Namespace{p, uri})
		}
	}
	slices.SortFunc(out, func(a, b Namespace) int { return strings.Compare(a.Prefix, b.Prefix) })
	return out
}

func usedPrefixes(n *node, used map[string]bool) {
	used[n.prefix] = true
	for _, a := range n.attrs {
		used[a.prefix] = true
		qnamePrefixes(a.value, used)
	}
	for _, it := range n.content {
		if it.el != nil {
			usedPrefixes(it.el, used)
		} else {
			qnamePrefixes(it.text, used)
		}
	}
}

// qnamePrefixes adds every run of name characters that a colon follows: whatever might be
// the prefix of a QName in content. Declaring a prefix that is not one costs nothing.
func qnamePrefixes(s string, used map[string]bool) {
	for i := strings.IndexByte(s, ':'); i >= 0; {
		j := i
		for j > 0 && isNameByte(s[j-1]) {
			j--
		}
		if j < i {
			used[s[j:i]] = true
		}
		k := strings.IndexByte(s[i+1:], ':')
		if k < 0 {
			break
		}
		i += 1 + k
	}
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' || c >= 0x80
}

// extensionOf captures n as an Extension.
func extensionOf(n *node) Extension {
	var b strings.Builder
	writeNode(&b, n, true)
	return Extension{Name: xml.Name{Space: n.space, Local: n.local}, XML: []byte(b.String())}
}

// writeNode writes n with its original prefixes. With scope set, n declares every
// namespace in scope instead of only its own declarations.
func writeNode(b *strings.Builder, n *node, scope bool) {
	b.WriteByte('<')
	writeQName(b, n.prefix, n.local)
	decls := n.decls
	if scope {
		decls = usedDecls(n)
	}
	for _, d := range decls {
		writeDecl(b, d)
	}
	for _, a := range n.attrs {
		b.WriteByte(' ')
		writeQName(b, a.prefix, a.local)
		b.WriteString(`="`)
		escapeAttr(b, a.value)
		b.WriteByte('"')
	}
	b.WriteByte('>')
	for _, it := range n.content {
		if it.el != nil {
			writeNode(b, it.el, false)
		} else {
			escapeText(b, it.text)
		}
	}
	b.WriteString("</")
	writeQName(b, n.prefix, n.local)
	b.WriteByte('>')
}

func writeQName(b *strings.Builder, prefix, local string) {
	if prefix != "" {
		b.WriteString(prefix)
		b.WriteByte(':')
	}
	b.WriteString(local)
}

func writeDecl(b *strings.Builder, d Namespace) {
	b.WriteString(" xmlns")
	if d.Prefix != "" {
		b.WriteByte(':')
		b.WriteString(d.Prefix)
	}
	b.WriteString(`="`)
	escapeAttr(b, d.URI)
	b.WriteByte('"')
}

// escapeText escapes character data as canonical XML does (&, <, > and CR).
func escapeText(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\r':
			b.WriteString("&#xD;")
		default:
			b.WriteByte(c)
		}
	}
}

// escapeAttr escapes an attribute value as canonical XML does, so that whitespace
// characters survive attribute-value normalisation.
func escapeAttr(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '"':
			b.WriteString("&quot;")
		case '\t':
			b.WriteString("&#x9;")
		case '\n':
			b.WriteString("&#xA;")
		case '\r':
			b.WriteString("&#xD;")
		default:
			b.WriteByte(c)
		}
	}
}
