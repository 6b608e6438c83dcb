package exchange

import (
	"bytes"
	"encoding"
	"encoding/xml"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// The XML model decoder. After the hardened parse and the schema step, a document is
// known to be well-formed, UTF-8 and shaped as the model expects, and decoding it with
// encoding/xml (reflection per element, a tokenizer that reads byte by byte through
// bufio) costs more than checking it did. fastUnmarshalXML decodes the same subset of
// encoding/xml's rules the model uses — elements matched by local name to struct fields,
// embedded structs, pointers, slices, strings, integers and booleans, character data
// with the predefined entities, character references and CDATA — from a plan computed
// once per type.
//
// It gives up, rather than guess, on anything outside that subset: the caller then runs
// encoding/xml, which also produces the error message for a document that does not
// decode. A test holds the two decoders to the same result over every fixture and over
// generated messages.

// xmlPlan is what the decoder needs to know about one struct type.
type xmlPlan struct {
	fields map[string][]int // element local name → field index path
	// xmlName is the index of an XMLName field, with the name it demands.
	xmlName      []int
	space, local string
}

var (
	xmlPlansOnce sync.Once
	xmlPlans     map[reflect.Type]*xmlPlan // nil when the model has a shape the decoder does not handle
)

var (
	xmlNameType           = reflect.TypeFor[xml.Name]()
	xmlUnmarshalerType    = reflect.TypeFor[xml.Unmarshaler]()
	textUnmarshalerType   = reflect.TypeFor[encoding.TextUnmarshaler]()
	errFastXMLUnsupported = errors.New("exchange: document outside the fast XML decoder's subset")
)

func messagePlans() map[reflect.Type]*xmlPlan {
	xmlPlansOnce.Do(func() {
		plans := map[reflect.Type]*xmlPlan{}
		if planType(reflect.TypeFor[Message](), plans) {
			xmlPlans = plans
		}
	})
	return xmlPlans
}

// planType adds the plans of t and of every type reachable from it, and reports whether
// all of them are within the decoder's subset.
func planType(t reflect.Type, plans map[reflect.Type]*xmlPlan) bool {
	if t.Implements(xmlUnmarshalerType) || reflect.PointerTo(t).Implements(xmlUnmarshalerType) ||
		t.Implements(textUnmarshalerType) || reflect.PointerTo(t).Implements(textUnmarshalerType) {
		return false
	}
	switch t.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return true
	case reflect.Pointer:
		return t.Elem().Kind() != reflect.Pointer && t.Elem().Kind() != reflect.Slice && planType(t.Elem(), plans)
	case reflect.Slice:
		e := t.Elem()
		return e.Kind() != reflect.Uint8 && e.Kind() != reflect.Slice && planType(e, plans)
	case reflect.Struct:
		if _, done := plans[t]; done {
			return true
		}
		p := &xmlPlan{fields: map[string][]int{}}
		plans[t] = p
		return addFields(t, nil, p, plans)
	}
	return false
}

// addFields records the element fields of struct type t (reached through index path at)
// in p, flattening embedded structs as encoding/xml does.
func addFields(t reflect.Type, at []int, p *xmlPlan, plans map[reflect.Type]*xmlPlan) bool {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		index := append(append([]int(nil), at...), i)
		tag := f.Tag.Get("xml")
		if !f.IsExported() || tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && tag == "" {
			if f.Type.Kind() != reflect.Struct || !addFields(f.Type, index, p, plans) {
				return false
			}
			continue
		}
		if f.Name == "XMLName" {
			if f.Type != xmlNameType || len(at) > 0 {
				return false
			}
			p.xmlName = index
			p.space, p.local, _ = strings.Cut(name, " ")
			if p.local == "" {
				p.space, p.local = "", p.space
			}
			continue
		}
		if opts != "" && opts != "omitempty" || strings.ContainsAny(name, " >") {
			return false // attributes, chardata, paths, namespaces: not in the model
		}
		if name == "" {
			name = f.Name
		}
		if _, dup := p.fields[name]; dup {
			return false
		}
		p.fields[name] = index
		if !planType(f.Type, plans) {
			return false
		}
	}
	return true
}

// fastUnmarshalXML decodes doc, which the hardened parser has accepted (well-formed
// UTF-8, no DOCTYPE, bounded depth), into a Message, or returns errFastXMLUnsupported for
// anything it does not handle. It does not check well-formedness again; on any other input
// it fails or decodes something, but never panics.
func fastUnmarshalXML(doc []byte) (*Message, error) {
	plans := messagePlans()
	if plans == nil {
		return nil, errFastXMLUnsupported
	}
	d := xmlDecoder{doc: doc, plans: plans}
	var m Message
	if err := d.root(reflect.ValueOf(&m).Elem()); err != nil {
		return nil, err
	}
	return &m, nil
}

type xmlDecoder struct {
	doc   []byte
	pos   int
	depth int
	plans map[reflect.Type]*xmlPlan
	text  []byte // scratch for character data
}

// maxFastDepth bounds recursion; the hardened parse has bounded depth far lower already.
const maxFastDepth = 256

func (d *xmlDecoder) fail() error { return errFastXMLUnsupported }

// root skips the prolog and decodes the document element into v.
func (d *xmlDecoder) root(v reflect.Value) error {
	for {
		i := bytes.IndexByte(d.doc[d.pos:], '<')
		if i < 0 {
			return d.fail()
		}
		d.pos += i
		switch {
		case d.has("<?"):
			if !d.skipPast("?>") {
				return d.fail()
			}
		case d.has("<!--"):
			if !d.skipPast("-->") {
				return d.fail()
			}
		case d.has("<!"):
			return d.fail() // DOCTYPE: never in a prepared document
		default:
			name, attrs, empty, err := d.startTag()
			if err != nil {
				return err
			}
			p := d.plans[v.Type()]
			if p.xmlName != nil {
				prefix, local := splitName(name)
				space, ok := rootNamespace(attrs, prefix)
				if !ok || local != p.local || p.space != "" && space != p.space {
					return d.fail()
				}
				v.FieldByIndex(p.xmlName).Set(reflect.ValueOf(xml.Name{Space: space, Local: local}))
			}
			return d.element(v, name, empty)
		}
	}
}

func (d *xmlDecoder) has(s string) bool {
	return len(d.doc)-d.pos >= len(s) && string(d.doc[d.pos:d.pos+len(s)]) == s
}

func (d *xmlDecoder) skipPast(end string) bool {
	i := bytes.Index(d.doc[d.pos:], []byte(end))
	if i < 0 {
		return false
	}
	d.pos += i + len(end)
	return true
}

// startTag reads a start tag at d.pos ('<'), returning the qualified name, the raw
// attribute text and whether the tag closes itself.
func (d *xmlDecoder) startTag() (name, attrs []byte, empty bool, err error) {
	i := d.pos + 1
	start := i
	for i < len(d.doc) && !isXMLSpace(d.doc[i]) && d.doc[i] != '>' && d.doc[i] != '/' {
		i++
	}
	name = d.doc[start:i]
	if len(name) == 0 {
		return nil, nil, false, d.fail()
	}
	attrStart := i
	for i < len(d.doc) {
		switch c := d.doc[i]; c {
		case '"', '\'':
			j := bytes.IndexByte(d.doc[i+1:], c)
			if j < 0 {
				return nil, nil, false, d.fail()
			}
			i += j + 2
		case '>':
			d.pos = i + 1
			return name, d.doc[attrStart:i], false, nil
		case '/':
			if i+1 < len(d.doc) && d.doc[i+1] == '>' {
				d.pos = i + 2
				return name, d.doc[attrStart:i], true, nil
			}
			return nil, nil, false, d.fail()
		default:
			i++
		}
	}
	return nil, nil, false, d.fail()
}

// rootNamespace resolves the namespace of the document element's prefix from its own
// attributes, the only place it can be declared.
func rootNamespace(attrs []byte, prefix []byte) (string, bool) {
	want := "xmlns"
	if len(prefix) > 0 {
		want = "xmlns:" + string(prefix)
	}
	for len(attrs) > 0 {
		attrs = bytes.TrimLeft(attrs, " \t\r\n")
		eq := bytes.IndexByte(attrs, '=')
		if eq < 0 {
			break
		}
		name := string(bytes.TrimRight(attrs[:eq], " \t\r\n"))
		rest := bytes.TrimLeft(attrs[eq+1:], " \t\r\n")
		if len(rest) == 0 || rest[0] != '"' && rest[0] != '\'' {
			return "", false
		}
		end := bytes.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return "", false
		}
		if name == want {
			value := rest[1 : 1+end]
			if bytes.ContainsAny(value, "&<\r\n\t") {
				return "", false // needs attribute-value normalisation; leave it to encoding/xml
			}
			return string(value), true
		}
		attrs = rest[end+2:]
	}
	// An unbound default namespace is the empty one; an unbound prefix is an error
	// encoding/xml reports.
	return "", len(prefix) == 0
}

func splitName(name []byte) (prefix []byte, local string) {
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		return name[:i], string(name[i+1:])
	}
	return nil, string(name)
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// element decodes the content of the element just started (named name) into v, up to
// and including its end tag.
func (d *xmlDecoder) element(v reflect.Value, name []byte, empty bool) error {
	d.depth++
	defer func() { d.depth-- }()
	if d.depth > maxFastDepth {
		return d.fail()
	}
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		v = v.Elem()
	}
	if v.Kind() == reflect.Struct {
		if empty {
			return nil
		}
		return d.structContent(v, d.plans[v.Type()], name)
	}
	text := d.text[:0]
	if !empty {
		var err error
		if text, err = d.textContent(text, name); err != nil {
			return err
		}
	}
	d.text = text
	return setScalar(v, text)
}

func (d *xmlDecoder) structContent(v reflect.Value, p *xmlPlan, name []byte) error {
	for {
		i := bytes.IndexByte(d.doc[d.pos:], '<')
		if i < 0 {
			return d.fail()
		}
		d.pos += i // text in element content: whitespace, ignored as encoding/xml does
		switch {
		case d.has("</"):
			return d.endTag(name)
		default:
			if skipped, err := d.skipMarkup(); err != nil {
				return err
			} else if skipped {
				continue
			}
			child, _, empty, err := d.startTag()
			if err != nil {
				return err
			}
			_, local := splitName(child)
			index, ok := p.fields[local]
			if !ok {
				if err := d.skipElement(child, empty); err != nil {
					return err
				}
				continue
			}
			f := v.FieldByIndex(index)
			if f.Kind() == reflect.Slice {
				n := f.Len()
				f.Set(reflect.Append(f, reflect.Zero(f.Type().Elem())))
				f = f.Index(n)
			}
			if err := d.element(f, child, empty); err != nil {
				return err
			}
		}
	}
}

// skipMarkup skips a comment, CDATA section or processing instruction at d.pos inside
// element content and reports whether there was one. Any other "<!" construct fails.
func (d *xmlDecoder) skipMarkup() (bool, error) {
	var end string
	switch {
	case d.has("<!--"):
		end = "-->"
	case d.has("<![CDATA["):
		end = "]]>"
	case d.has("<?"):
		end = "?>"
	case d.has("<!"):
		return false, d.fail()
	default:
		return false, nil
	}
	if !d.skipPast(end) {
		return false, d.fail()
	}
	return true, nil
}

func (d *xmlDecoder) endTag(name []byte) error {
	end := d.pos + 2 + len(name)
	if end > len(d.doc) || !bytes.Equal(d.doc[d.pos+2:end], name) {
		return d.fail()
	}
	i := end
	for i < len(d.doc) && isXMLSpace(d.doc[i]) {
		i++
	}
	if i >= len(d.doc) || d.doc[i] != '>' {
		return d.fail()
	}
	d.pos = i + 1
	return nil
}

// skipElement skips an element the model has no field for, with all its content.
func (d *xmlDecoder) skipElement(name []byte, empty bool) error {
	if empty {
		return nil
	}
	d.depth++
	defer func() { d.depth-- }()
	if d.depth > maxFastDepth {
		return d.fail()
	}
	for {
		i := bytes.IndexByte(d.doc[d.pos:], '<')
		if i < 0 {
			return d.fail()
		}
		d.pos += i
		switch {
		case d.has("</"):
			return d.endTag(name)
		default:
			if skipped, err := d.skipMarkup(); err != nil {
				return err
			} else if skipped {
				continue
			}
			child, _, empty, err := d.startTag()
			if err != nil {
				return err
			}
			if err := d.skipElement(child, empty); err != nil {
				return err
			}
		}
	}
}

// textContent appends the character data directly inside the element named name to buf,
// skipping child elements, comments and processing instructions, up to and including the
// end tag, as encoding/xml collects it for a string field.
func (d *xmlDecoder) textContent(buf, name []byte) ([]byte, error) {
	for {
		i := bytes.IndexByte(d.doc[d.pos:], '<')
		if i < 0 {
			return nil, d.fail()
		}
		var err error
		if buf, err = appendCharData(buf, d.doc[d.pos:d.pos+i]); err != nil {
			return nil, err
		}
		d.pos += i
		switch {
		case d.has("</"):
			return buf, d.endTag(name)
		case d.has("<!--"):
			if !d.skipPast("-->") {
				return nil, d.fail()
			}
		case d.has("<![CDATA["):
			start := d.pos + len("<![CDATA[")
			if !d.skipPast("]]>") {
				return nil, d.fail()
			}
			if buf, err = appendText(buf, d.doc[start:d.pos-len("]]>")]); err != nil {
				return nil, err
			}
		case d.has("<?"):
			if !d.skipPast("?>") {
				return nil, d.fail()
			}
		case d.has("<!"):
			return nil, d.fail()
		default:
			child, _, empty, err := d.startTag()
			if err != nil {
				return nil, err
			}
			if err := d.skipElement(child, empty); err != nil {
				return nil, err
			}
		}
	}
}

// appendCharData appends character data with its references resolved.
func appendCharData(buf, s []byte) ([]byte, error) {
	for {
		amp := bytes.IndexByte(s, '&')
		if amp < 0 {
			return appendText(buf, s)
		}
		var err error
		if buf, err = appendText(buf, s[:amp]); err != nil {
			return nil, err
		}
		semi := bytes.IndexByte(s[amp:], ';')
		if semi < 0 {
			return nil, errFastXMLUnsupported
		}
		ref := s[amp+1 : amp+semi]
		switch string(ref) {
		case "lt":
			buf = append(buf, '<')
		case "gt":
			buf = append(buf, '>')
		case "amp":
			buf = append(buf, '&')
		case "apos":
			buf = append(buf, '\'')
		case "quot":
			buf = append(buf, '"')
		default:
			r, ok := xmlCharRef(ref)
			if !ok {
				return nil, errFastXMLUnsupported
			}
			buf = utf8.AppendRune(buf, r)
		}
		s = s[amp+semi+1:]
	}
}

// xmlCharRef reads "#123" or "#x7B" naming a character XML allows.
func xmlCharRef(ref []byte) (rune, bool) {
	if len(ref) < 2 || ref[0] != '#' {
		return 0, false
	}
	var n uint64
	var err error
	if ref[1] == 'x' {
		n, err = strconv.ParseUint(string(ref[2:]), 16, 32)
	} else {
		n, err = strconv.ParseUint(string(ref[1:]), 10, 32)
	}
	if err != nil || len(ref) > 10 || !isXMLCharRune(rune(n)) {
		return 0, false
	}
	return rune(n), true
}

func isXMLCharRune(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// appendText appends literal text, turning "\r\n" and a lone "\r" into "\n" as XML end-of-
// line handling demands, and refusing what encoding/xml refuses.
func appendText(buf, s []byte) ([]byte, error) {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\r':
			buf = append(buf, '\n')
			i++
			if i < len(s) && s[i] == '\n' {
				i++
			}
		case c < 0x20 && c != '\t' && c != '\n':
			return nil, errFastXMLUnsupported
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			i++
		default:
			r, size := utf8.DecodeRune(s[i:])
			if r == utf8.RuneError && size == 1 || !isXMLCharRune(r) {
				return nil, errFastXMLUnsupported
			}
			buf = append(buf, s[i:i+size]...)
			i += size
		}
	}
	return buf, nil
}

// setScalar stores character data in a string, integer or boolean as encoding/xml does.
func setScalar(v reflect.Value, text []byte) error {
	switch v.Kind() {
	case reflect.String:
		v.SetString(string(text))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if len(text) == 0 {
			v.SetInt(0)
			return nil
		}
		n, err := strconv.ParseInt(strings.TrimSpace(string(text)), 10, v.Type().Bits())
		if err != nil {
			return errFastXMLUnsupported
		}
		v.SetInt(n)
	case reflect.Bool:
		if len(text) == 0 {
			v.SetBool(false)
			return nil
		}
		b, err := strconv.ParseBool(strings.TrimSpace(string(text)))
		if err != nil {
			return errFastXMLUnsupported
		}
		v.SetBool(b)
	default:
		return errFastXMLUnsupported
	}
	return nil
}
