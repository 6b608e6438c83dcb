package hi1

import (
	"encoding/xml"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/jcx-dev/jcx/internal/safexml"
)

// ErrEncode is matched (errors.Is) by every error Encode returns: the message cannot be
// written as it stands (a required object missing, an extension that is not one element).
var ErrEncode = errors.New("hi1: cannot encode message")

// Encode writes m as an HI-1 XML document in UTF-8, indented by two spaces. Prefixes are
// those of m.Namespaces, declared on the root; a namespace that no declaration binds is
// declared there too, with ETSI's usual prefix. A message that Decode returned comes out
// equal to the received one under canonical XML, ignoring whitespace between elements
// and comments: the same elements, prefixes, namespace declarations and text.
func Encode(m *HI1Message) ([]byte, error) {
	e := &encoder{decls: append([]Namespace(nil), m.Namespaces...), depth: 1, lexical: m.lexical}
	e.push("/HI1Message")
	if err := e.structure(reflect.ValueOf(m).Elem()); err != nil {
		return nil, err
	}
	body := e.b.String()
	root := e.qname(xml.Name{Space: NSCore, Local: "HI1Message"})
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<")
	b.WriteString(root)
	for _, d := range e.decls {
		writeDecl(&b, d)
	}
	b.WriteString(">\n")
	b.WriteString(body)
	b.WriteString("</")
	b.WriteString(root)
	b.WriteString(">\n")
	return []byte(b.String()), nil
}

type encoder struct {
	b       strings.Builder
	decls   []Namespace
	depth   int
	frames  []frame
	lexical map[string]string
}

// frame is an open element: its XPath and how many children of each name it has had, so
// that the encoder knows each element's XPath as the decoder does.
type frame struct {
	path   string
	counts map[xml.Name]int
}

func (e *encoder) push(path string) {
	e.frames = append(e.frames, frame{path: path, counts: map[xml.Name]int{}})
}

func (e *encoder) pop() { e.frames = e.frames[:len(e.frames)-1] }

// child returns the XPath of the next child element called name.
func (e *encoder) child(name xml.Name) string {
	top := &e.frames[len(e.frames)-1]
	top.counts[name]++
	return top.path + "/" + name.Local + "[" + strconv.Itoa(top.counts[name]) + "]"
}

func encodeErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrEncode, fmt.Sprintf(format, args...))
}

// prefix returns the prefix bound to uri on the root, declaring one if none is.
func (e *encoder) prefix(uri string) string {
	for _, d := range e.decls {
		if d.URI == uri {
			return d.Prefix
		}
	}
	base := "ns"
	for k, ns := range nsKeys {
		if ns == uri {
			base = k
		}
	}
	p := base
	for i := 1; e.bound(p); i++ {
		p = base + strconv.Itoa(i)
	}
	e.decls = append(e.decls, Namespace{p, uri})
	return p
}

func (e *encoder) bound(prefix string) bool {
	for _, d := range e.decls {
		if d.Prefix == prefix {
			return true
		}
	}
	return false
}

func (e *encoder) qname(n xml.Name) string {
	if p := e.prefix(n.Space); p != "" {
		return p + ":" + n.Local
	}
	return n.Local
}

func (e *encoder) indent() {
	for range e.depth {
		e.b.WriteString("  ")
	}
}

// structure writes the members of struct v, each at the current depth.
func (e *encoder) structure(v reflect.Value) error {
	for _, f := range planOf(v.Type()) {
		fv := v.FieldByIndex(f.index)
		switch {
		case f.wrap:
			if fv.IsNil() && !f.req {
				continue
			}
			if err := e.list(&f, fv); err != nil {
				return err
			}
		case fv.Kind() == reflect.Slice:
			for i := range fv.Len() {
				if err := e.element(&f, fv.Index(i)); err != nil {
					return err
				}
			}
		default:
			if !f.req && fv.IsZero() {
				continue
			}
			if err := e.element(&f, fv); err != nil {
				return err
			}
		}
	}
	return nil
}

// list writes a wrapper element and its items.
func (e *encoder) list(f *fieldPlan, v reflect.Value) error {
	name := e.qname(f.names[0])
	e.push(e.child(f.names[0]))
	defer e.pop()
	if v.Kind() != reflect.Slice {
		e.indent()
		fmt.Fprintf(&e.b, "<%s>\n", name)
		e.depth++
		item := fieldPlan{names: []xml.Name{f.item}, any: f.any}
		if err := e.element(&item, v); err != nil {
			return err
		}
		e.depth--
		e.indent()
		fmt.Fprintf(&e.b, "</%s>\n", name)
		return nil
	}
	e.indent()
	if v.Len() == 0 {
		fmt.Fprintf(&e.b, "<%s></%s>\n", name, name)
		return nil
	}
	fmt.Fprintf(&e.b, "<%s>\n", name)
	e.depth++
	item := fieldPlan{names: []xml.Name{f.item}, any: f.any}
	for i := range v.Len() {
		if err := e.element(&item, v.Index(i)); err != nil {
			return err
		}
	}
	e.depth--
	e.indent()
	fmt.Fprintf(&e.b, "</%s>\n", name)
	return nil
}

// element writes one member's element.
func (e *encoder) element(f *fieldPlan, v reflect.Value) error {
	if v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			if len(f.names) > 0 {
				return encodeErr("%s is required but nil", f.names[0].Local)
			}
			return encodeErr("nil element")
		}
		if v.Type() == objectType {
			return e.object(f.names[0], v.Interface().(HI1Object))
		}
		v = v.Elem()
	}
	if v.Type() == extensionType {
		x := v.Interface().(Extension)
		e.child(x.Name)
		return e.extension(x)
	}
	name := e.qname(f.names[0])
	path := e.child(f.names[0])
	e.indent()
	switch v.Kind() {
	case reflect.Struct:
		e.push(path)
		defer e.pop()
		return e.complex(name, "", v)
	case reflect.String:
		e.simple(name, v.String())
	case reflect.Int, reflect.Int32, reflect.Int64:
		text := strconv.FormatInt(v.Int(), 10)
		if lex, ok := e.lexical[path]; ok {
			if i, err := strconv.ParseInt(strings.TrimSpace(lex), 10, 64); err == nil && i == v.Int() {
				text = lex
			}
		}
		e.simple(name, text)
	case reflect.Bool:
		text := strconv.FormatBool(v.Bool())
		if lex, ok := e.lexical[path]; ok {
			if b, err := strconv.ParseBool(strings.TrimSpace(lex)); err == nil && b == v.Bool() {
				text = lex
			}
		}
		e.simple(name, text)
	default:
		return encodeErr("member of unsupported kind %s", v.Kind())
	}
	return nil
}

func (e *encoder) simple(name, text string) {
	fmt.Fprintf(&e.b, "<%s>", name)
	escapeText(&e.b, text)
	fmt.Fprintf(&e.b, "</%s>\n", name)
}

// complex writes an element with element content; attrs is written in its start tag.
func (e *encoder) complex(name, attrs string, v reflect.Value) error {
	fmt.Fprintf(&e.b, "<%s%s>", name, attrs)
	mark := e.b.Len()
	e.b.WriteByte('\n')
	e.depth++
	err := e.structure(v)
	e.depth--
	if err != nil {
		return err
	}
	if e.b.Len() == mark+1 {
		// No members: no whitespace either, which would be content.
		s := e.b.String()[:mark]
		e.b.Reset()
		e.b.WriteString(s)
	} else {
		e.indent()
	}
	fmt.Fprintf(&e.b, "</%s>\n", name)
	return nil
}

// object writes an HI1Object with its xsi:type.
func (e *encoder) object(elem xml.Name, o HI1Object) error {
	t := o.Type()
	if t.Local == "" {
		return encodeErr("HI1Object of %T has no type", o)
	}
	name := e.qname(elem)
	var attrs strings.Builder
	attrs.WriteByte(' ')
	attrs.WriteString(e.qname(xml.Name{Space: NSXSI, Local: "type"}))
	attrs.WriteString(`="`)
	escapeAttr(&attrs, e.qname(t))
	attrs.WriteByte('"')
	e.push(e.child(elem))
	defer e.pop()
	e.indent()
	return e.complex(name, attrs.String(), reflect.ValueOf(o).Elem())
}

// extension writes an Extension as it is, once it is known to be one element.
func (e *encoder) extension(x Extension) error {
	doc, err := safexml.PrepareBytes(x.XML, safexml.Limits{})
	if err != nil {
		return encodeErr("extension %s is not an XML element: %v", x.Name.Local, err)
	}
	root, err := parseTree(doc)
	if err != nil || root.space != x.Name.Space || root.local != x.Name.Local {
		return encodeErr("extension %s does not hold that element", x.Name.Local)
	}
	e.indent()
	writeNode(&e.b, root, true)
	e.b.WriteByte('\n')
	return nil
}
