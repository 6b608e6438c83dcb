package xsd

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// inode is one element of an instance document, namespaces resolved.
type inode struct {
	ns, local string
	attrs     []iattr
	kids      []*inode
	parent    *inode
	text      []byte // character data directly inside the element
	textNonWS bool   // text holds a non-whitespace character
	line      int
	bind      *nsBind // namespace bindings in scope
	// Filled in by validation, for identity constraints.
	key    string
	hasKey bool
	decl   *elementDecl
}

type iattr struct {
	ns, local string
	value     string
	key       string
	hasKey    bool
}

// nsBind is a linked list of in-scope namespace bindings.
type nsBind struct {
	prefix, uri string
	next        *nsBind
}

func (n *inode) lookupNS(prefix string) (string, bool) {
	if prefix == "xml" {
		return nsXML, true
	}
	for b := n.bind; b != nil; b = b.next {
		if b.prefix == prefix {
			return b.uri, b.uri != "" || prefix == ""
		}
	}
	return "", prefix == ""
}

func malformed(line int, format string, args ...any) error {
	return &InstanceError{Line: line, Msg: fmt.Sprintf(format, args...), Err: ErrMalformed}
}

// parseInstance reads an instance with encoding/xml's tokenizer and does
// the checks it leaves out: matching end tags, namespace resolution,
// unique attributes, a single root. DOCTYPE declarations are refused, so
// no entity other than the five predefined ones can ever be expanded.
func parseInstance(r io.Reader, data []byte, o *Options) (*inode, error) {
	if !utf8.Valid(data) {
		return nil, malformed(1, "document is not valid UTF-8")
	}
	d := xml.NewDecoder(r)
	d.Strict = true
	var stack []*inode
	var root *inode
	var rawNames []xml.Name
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := d.InputPos()
			return nil, malformed(line, "%v", err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			line, _ := d.InputPos()
			if bytes.HasPrefix(bytes.TrimSpace(t), []byte("DOCTYPE")) {
				return nil, &InstanceError{Line: line, Msg: "DOCTYPE declarations are not allowed", Err: ErrDoctype}
			}
			return nil, malformed(line, "unexpected markup declaration")
		case xml.ProcInst:
			if t.Target == "xml" {
				if enc := procInstAttr(string(t.Inst), "encoding"); enc != "" &&
					!strings.EqualFold(enc, "utf-8") && !strings.EqualFold(enc, "us-ascii") {
					line, _ := d.InputPos()
					return nil, malformed(line, "encoding %q is not supported; use UTF-8", enc)
				}
			}
		case xml.StartElement:
			line, _ := d.InputPos()
			if len(stack) >= o.MaxDepth {
				return nil, &InstanceError{Line: line, Msg: fmt.Sprintf("elements nested deeper than %d", o.MaxDepth), Err: ErrLimit}
			}
			if root != nil && len(stack) == 0 {
				return nil, malformed(line, "more than one root element")
			}
			if len(t.Attr) > o.MaxAttributes {
				return nil, &InstanceError{Line: line, Msg: "too many attributes", Err: ErrLimit}
			}
			n := &inode{line: line}
			if len(stack) > 0 {
				n.parent = stack[len(stack)-1]
				n.bind = n.parent.bind
			}
			for i, a := range t.Attr {
				for _, b := range t.Attr[:i] {
					if a.Name == b.Name {
						return nil, malformed(line, "duplicate attribute %s", rawAttrName(a.Name))
					}
				}
				switch {
				case a.Name.Space == "xmlns":
					if a.Name.Local == "xmlns" || (a.Name.Local == "xml") != (a.Value == nsXML) || a.Value == "" {
						return nil, malformed(line, "invalid namespace declaration xmlns:%s", a.Name.Local)
					}
					n.bind = &nsBind{a.Name.Local, a.Value, n.bind}
				case a.Name.Space == "" && a.Name.Local == "xmlns":
					n.bind = &nsBind{"", a.Value, n.bind}
				}
			}
			var ok bool
			if n.ns, ok = n.lookupNS(t.Name.Space); !ok {
				return nil, malformed(line, "unbound prefix %q", t.Name.Space)
			}
			n.local = t.Name.Local
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
					continue
				}
				at := iattr{local: a.Name.Local, value: normalizeAttr(a.Value)}
				if a.Name.Space != "" {
					if at.ns, ok = n.lookupNS(a.Name.Space); !ok || at.ns == "" {
						return nil, malformed(line, "unbound prefix %q", a.Name.Space)
					}
				}
				for _, prev := range n.attrs {
					if prev.ns == at.ns && prev.local == at.local {
						return nil, malformed(line, "duplicate attribute %s", a.Name.Local)
					}
				}
				n.attrs = append(n.attrs, at)
			}
			if n.parent != nil {
				n.parent.kids = append(n.parent.kids, n)
			} else {
				root = n
			}
			stack = append(stack, n)
			rawNames = append(rawNames, t.Name)
		case xml.EndElement:
			line, _ := d.InputPos()
			if len(stack) == 0 || rawNames[len(rawNames)-1] != t.Name {
				return nil, malformed(line, "unexpected end tag")
			}
			stack = stack[:len(stack)-1]
			rawNames = rawNames[:len(rawNames)-1]
		case xml.CharData:
			if len(stack) == 0 {
				if len(bytes.TrimLeft(t, " \t\r\n")) > 0 {
					line, _ := d.InputPos()
					return nil, malformed(line, "text outside the root element")
				}
				continue
			}
			n := stack[len(stack)-1]
			n.text = append(n.text, t...)
			if !n.textNonWS && len(bytes.TrimLeft(t, " \t\r\n")) > 0 {
				n.textNonWS = true
			}
		}
	}
	if len(stack) > 0 {
		return nil, malformed(0, "unexpected end of document")
	}
	if root == nil {
		return nil, malformed(0, "no root element")
	}
	return root, nil
}

// normalizeAttr applies XML 1.0 attribute-value normalisation for CDATA
// attributes: each whitespace character becomes a space.
func normalizeAttr(s string) string {
	if !strings.ContainsAny(s, "\t\n\r") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}

func procInstAttr(inst, name string) string {
	i := strings.Index(inst, name)
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(inst[i+len(name):], " \t\r\n")
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	rest = strings.TrimLeft(rest[1:], " \t\r\n")
	if rest == "" || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	end := strings.IndexByte(rest[1:], rest[0])
	if end < 0 {
		return ""
	}
	return rest[1 : end+1]
}

func rawAttrName(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}
