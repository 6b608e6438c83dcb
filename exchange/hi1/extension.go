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
		decls = n.inScope()
		// xmlns="" in scope at the top says nothing: no default namespace.
		decls = slices.DeleteFunc(decls, func(d Namespace) bool { return d.Prefix == "" && d.URI == "" })
		slices.SortFunc(decls, func(a, b Namespace) int { return strings.Compare(a.Prefix, b.Prefix) })
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
