package schemas

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"

	"github.com/jcx-dev/jcx/internal/schemagen/translate"
)

// xmlToJSON converts a message from XML to JSON by the documented mapping, guided by the
// XSD alone (not by the Go model), so that the committed JSON samples are checked to be
// the mapping of their XML twins. It is lenient on purpose: an element the schema does not
// know still becomes a member, so that invalid samples convert too.
func xmlToJSON(s *translate.Schema, data []byte) ([]byte, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, err
		}
		if se, ok := tok.(xml.StartElement); ok {
			v, err := convertElement(s, d, s.Root.Type, true)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", se.Name.Local, err)
			}
			var out bytes.Buffer
			enc := json.NewEncoder(&out)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			err = enc.Encode(v)
			return out.Bytes(), err
		}
	}
}

// convertElement reads the content of the element just started, typed t.
func convertElement(s *translate.Schema, d *xml.Decoder, t translate.TypeRef, root bool) (any, error) {
	ct := s.ComplexTypes[t.Name]
	if t.Builtin || ct == nil {
		text, err := readText(d)
		if err != nil {
			return nil, err
		}
		return simpleValue(s, t, text), nil
	}
	members, err := s.Members(ct)
	if err != nil {
		return nil, err
	}
	obj := &ordered{}
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, err
		}
		switch tt := tok.(type) {
		case xml.EndElement:
			return obj, nil
		case xml.StartElement:
			if root && tt.Name.Space == "http://www.w3.org/2000/09/xmldsig#" {
				// An XML signature has no JSON form: a converted message is re-signed.
				if err := d.Skip(); err != nil {
					return nil, err
				}
				continue
			}
			m := translate.Member{Name: tt.Name.Local, Type: translate.TypeRef{Builtin: true, Name: "string"}, MaxOccurs: 1}
			for _, c := range members {
				if c.Name == tt.Name.Local && !c.Signature {
					m = c
				}
			}
			v, err := convertElement(s, d, m.Type, false)
			if err != nil {
				return nil, err
			}
			if m.Repeated() {
				prev, _ := obj.get(m.Name).([]any)
				obj.set(m.Name, append(prev, v))
			} else {
				obj.set(m.Name, v)
			}
		}
	}
}

// readText returns the character data of a simple element and consumes its end tag.
func readText(d *xml.Decoder) (string, error) {
	var b strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			return "", err
		}
		switch tt := tok.(type) {
		case xml.CharData:
			b.Write(tt)
		case xml.StartElement:
			// Content where text is expected: keep a marker so the JSON is invalid too.
			if err := d.Skip(); err != nil {
				return "", err
			}
			b.WriteString("<" + tt.Name.Local + ">")
		case xml.EndElement:
			return b.String(), nil
		}
	}
}

// simpleValue types a simple value as the mapping says: integers and booleans become
// JSON numbers and booleans when their text is one; everything else stays text.
func simpleValue(s *translate.Schema, t translate.TypeRef, text string) any {
	base := t.Name
	if !t.Builtin {
		st := s.SimpleTypes[t.Name]
		if st == nil {
			return text
		}
		base = st.Base
	}
	switch base {
	case "int", "long":
		if _, err := strconv.ParseInt(strings.TrimSpace(text), 10, 64); err == nil {
			return json.Number(strings.TrimPrefix(strings.TrimSpace(text), "+"))
		}
	case "boolean":
		switch strings.TrimSpace(text) {
		case "true", "1":
			return true
		case "false", "0":
			return false
		}
	}
	return text
}

// ordered is a JSON object that keeps its members in document order.
type ordered struct {
	keys []string
	vals []any
}

func (o *ordered) get(k string) any {
	for i, key := range o.keys {
		if key == k {
			return o.vals[i]
		}
	}
	return nil
}

func (o *ordered) set(k string, v any) {
	for i, key := range o.keys {
		if key == k {
			o.vals[i] = v
			return
		}
	}
	o.keys = append(o.keys, k)
	o.vals = append(o.vals, v)
}

func (o *ordered) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := encodeTo(&b, k); err != nil {
			return nil, err
		}
		b.WriteByte(':')
		if err := encodeTo(&b, o.vals[i]); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func encodeTo(b *bytes.Buffer, v any) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	b.Truncate(b.Len() - 1) // Encode appends a newline
	return nil
}
