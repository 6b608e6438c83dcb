package conformance

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// The layout mutations send a message whose bytes differ from any re-serialisation of
// it, while its signature still holds: a receipt computed over anything but the exact
// bytes received then fails the case. XML is varied only in ways exclusive C14N does not
// see (the signature covers the canonical form, where whitespace in content counts);
// JSON in ways RFC 8785 does not see (the JWS covers the canonical form).

// reformat re-lays the signed message out.
func reformat(m *mutationInput) ([]byte, error) {
	if m.enc == JSON {
		return reformatJSON(m.msg)
	}
	return reformatXML(m.msg)
}

var (
	xmlDecl     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^<\?xml version="1.0" encoding="UTF-8"\?>`) })
	emptyTag    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`<([A-Za-z][A-Za-z0-9_.-]*)/>`) })
	textNode    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`>[^<]+<`) })
	rootXMLNS   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(<Message) xmlns="([^"]*)">`) })
	signatureAt = []byte("<ds:Signature")
)

// reformatXML varies what exclusive C14N normalises away: a byte order mark, the XML
// declaration's quotes and case, an unused namespace declaration put first, attribute
// quotes and the blanks around them, start-tag whitespace, empty elements written as a
// start and an end tag, character references for characters of content, comments, and
// CRLF line ends. The signature element itself is left as it was.
func reformatXML(msg []byte) ([]byte, error) {
	body, sig := msg, []byte(nil)
	if i := bytes.Index(msg, signatureAt); i >= 0 {
		body, sig = msg[:i], msg[i:]
	}
	body = xmlDecl().ReplaceAll(body, []byte(`<?xml version='1.0' encoding='utf-8' standalone='yes'?>`))
	i := bytes.Index(body, []byte("<Message"))
	if i < 0 {
		return nil, errors.New("reformat: no Message element")
	}
	prolog, rest := body[:i], body[i:]
	rest = rootXMLNS().ReplaceAll(rest, []byte("$1 xmlns:layout='urn:jcx:conformance:layout'\n\txmlns = '$2'\n><!-- laid out by the jcx conformance harness -->"))
	rest = emptyTag().ReplaceAll(rest, []byte("<$1></$1 >"))
	rest = textNode().ReplaceAllFunc(rest, func(t []byte) []byte {
		if len(bytes.TrimSpace(t[1:len(t)-1])) == 0 {
			return t
		}
		return append(append([]byte{'>'}, charRefs(t[1:len(t)-1])...), '<')
	})
	out := concat([]byte("\ufeff"), prolog, rest, sig)
	return bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n")), nil
}

// charRefs writes every non-ASCII character and every '-' and '/' as a character
// reference, alternately decimal and hexadecimal.
func charRefs(text []byte) []byte {
	var b bytes.Buffer
	n := 0
	for len(text) > 0 {
		r, size := utf8.DecodeRune(text)
		switch {
		case r >= utf8.RuneSelf || r == '-' || r == '/':
			if n++; n%2 == 0 {
				fmt.Fprintf(&b, "&#%d;", r)
			} else {
				fmt.Fprintf(&b, "&#x%X;", r)
			}
		default:
			b.Write(text[:size])
		}
		text = text[size:]
	}
	return b.Bytes()
}

// legacyCharset re-encodes an XML message in ISO-8859-1 and declares it. A signature
// does not survive that (verifiers disagree on it), so the suite applies it to unsigned
// messages only.
func legacyCharset(m *mutationInput) ([]byte, error) {
	if m.enc != XML {
		return nil, errors.New("legacy-charset: XML only")
	}
	decl := []byte(`<?xml version="1.0" encoding="UTF-8"?>`)
	if !bytes.HasPrefix(m.msg, decl) {
		return nil, errors.New("legacy-charset: no UTF-8 declaration to replace")
	}
	latin, err := charmap.ISO8859_1.NewEncoder().Bytes(m.msg[len(decl):])
	if err != nil {
		return nil, fmt.Errorf("legacy-charset: %v", err)
	}
	out := concat([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?>`), latin)
	return bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n")), nil
}

// reformatJSON writes the message again with members in reverse order, indentation and
// CRLF line ends, spaces around the colons, and escapes where plain characters would do:
// non-ASCII characters as \uXXXX, '/' as \/, and the first letter of every member name.
// Numbers keep their exact text.
func reformatJSON(msg []byte) ([]byte, error) {
	d := json.NewDecoder(bytes.NewReader(msg))
	d.UseNumber()
	var b bytes.Buffer
	b.WriteString("\r\n")
	if err := relayJSON(d, &b, 0); err != nil {
		return nil, fmt.Errorf("reformat: %v", err)
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, errors.New("reformat: data after the message")
	}
	b.WriteString("\r\n")
	return b.Bytes(), nil
}

func relayJSON(d *json.Decoder, b *bytes.Buffer, depth int) error {
	tok, err := d.Token()
	if err != nil {
		return err
	}
	indent := func(n int) { b.WriteString("\r\n" + strings.Repeat("\t", n)) }
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			var members [][]byte
			seen := map[string]bool{}
			for d.More() {
				kt, err := d.Token()
				if err != nil {
					return err
				}
				if seen[kt.(string)] {
					// Reversing the order would change which one a lenient reader keeps.
					return fmt.Errorf("duplicate member %q", kt)
				}
				seen[kt.(string)] = true
				var m bytes.Buffer
				writeJSONString(&m, kt.(string), true)
				m.WriteString(" : ")
				if err := relayJSON(d, &m, depth+1); err != nil {
					return err
				}
				members = append(members, m.Bytes())
			}
			if _, err := d.Token(); err != nil {
				return err
			}
			b.WriteByte('{')
			for i := len(members) - 1; i >= 0; i-- {
				indent(depth + 1)
				b.Write(members[i])
				if i > 0 {
					b.WriteByte(',')
				}
			}
			indent(depth)
			b.WriteByte('}')
		case '[':
			b.WriteByte('[')
			first := true
			for d.More() {
				if !first {
					b.WriteByte(',')
				}
				first = false
				indent(depth + 1)
				if err := relayJSON(d, b, depth+1); err != nil {
					return err
				}
			}
			if _, err := d.Token(); err != nil {
				return err
			}
			indent(depth)
			b.WriteByte(']')
		}
	case string:
		writeJSONString(b, t, false)
	case json.Number:
		b.WriteString(t.String())
	case bool:
		fmt.Fprint(b, t)
	case nil:
		b.WriteString("null")
	}
	return nil
}

// writeJSONString writes s as a JSON string with the escapes reformatJSON promises.
func writeJSONString(b *bytes.Buffer, s string, name bool) {
	b.WriteByte('"')
	for i, r := range s {
		switch {
		case name && i == 0 && r < utf8.RuneSelf:
			fmt.Fprintf(b, `\u%04X`, r)
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '/':
			b.WriteString(`\/`)
		case r < 0x20 || r >= utf8.RuneSelf:
			for _, u := range utf16.Encode([]rune{r}) {
				fmt.Fprintf(b, `\u%04x`, u)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}
