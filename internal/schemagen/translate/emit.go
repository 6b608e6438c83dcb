package translate

import (
	"bytes"
	"encoding/json"
	"math/big"
	"sort"
)

// Draft is the JSON Schema dialect written.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// Options tune the JSON Schema written.
type Options struct {
	// ID is the schema's $id; empty means TargetNamespace + "/jcx.schema.json".
	ID string
	// Title is the schema's title; empty means none.
	Title string
}

// DefaultOptions are the options of the committed jcx schema.
func DefaultOptions() Options { return Options{Title: "jcx core message"} }

// integer bounds of the built-in types, which the JSON side states explicitly.
var (
	intBounds = [2]*big.Int{big.NewInt(-1 << 31), big.NewInt(1<<31 - 1)}
	longBound = [2]*big.Int{big.NewInt(-1 << 63), big.NewInt(1<<63 - 1)}
)

// JSONSchema writes the schema as JSON Schema 2020-12, indented by two spaces and ending
// with a newline. The output depends on the schema only.
func (s *Schema) JSONSchema(opt Options) ([]byte, error) {
	id := opt.ID
	if id == "" {
		id = s.TargetNamespace + "/jcx.schema.json"
	}
	root := newObject().set("$schema", Draft).set("$id", id)
	if opt.Title != "" {
		root.set("title", opt.Title)
	}
	rootType := s.ComplexTypes[s.Root.Type.Name]
	if rootType.Doc != "" {
		root.set("description", rootType.Doc)
	}
	root.set("$ref", "#/$defs/"+rootType.Name)

	defs := newObject()
	names := append(sortedKeys(s.SimpleTypes), sortedKeys(s.ComplexTypes)...)
	sort.Strings(names)
	signature := false
	for _, name := range names {
		if st := s.SimpleTypes[name]; st != nil {
			d, err := simpleDef(st)
			if err != nil {
				return nil, err
			}
			defs.set(name, d)
			continue
		}
		d, sig, err := s.complexDef(s.ComplexTypes[name])
		if err != nil {
			return nil, err
		}
		signature = signature || sig
		defs.set(name, d)
	}
	if signature {
		defs.set("Signature", signatureDef())
	}
	root.set("$defs", defs)

	var raw, out bytes.Buffer
	if err := encode(&raw, root); err != nil {
		return nil, err
	}
	if err := json.Indent(&out, raw.Bytes(), "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// builtinDef is the JSON schema of an element typed directly by a built-in type.
func builtinDef(name string) (*object, error) {
	return simpleDef(&SimpleType{Name: "xs:" + name, Base: name})
}

func simpleDef(st *SimpleType) (*object, error) {
	d := newObject()
	if st.Doc != "" {
		d.set("description", st.Doc)
	}
	switch st.Base {
	case "boolean":
		d.set("type", "boolean")
		return d, nil
	case "int", "long":
		b := intBounds
		if st.Base == "long" {
			b = longBound
		}
		lo, hi := b[0], b[1]
		if st.MinInclusive != nil {
			if st.MinInclusive.Cmp(hi) > 0 || st.MinInclusive.Cmp(lo) < 0 {
				return nil, st.invalid("minInclusive outside xs:%s", st.Base)
			}
			lo = st.MinInclusive
		}
		if st.MaxInclusive != nil {
			if st.MaxInclusive.Cmp(hi) > 0 || st.MaxInclusive.Cmp(lo) < 0 {
				return nil, st.invalid("maxInclusive outside xs:%s or below minInclusive", st.Base)
			}
			hi = st.MaxInclusive
		}
		d.set("type", "integer")
		d.set("minimum", json.Number(lo.String()))
		d.set("maximum", json.Number(hi.String()))
		return d, nil
	}
	d.set("type", "string")
	switch st.Base {
	case "dateTime":
		d.set("format", "date-time")
	case "date":
		d.set("format", "date")
	case "base64Binary":
		d.set("contentEncoding", "base64")
	}
	if st.Enumeration != nil {
		d.set("enum", st.Enumeration)
	}
	if st.MinLength != nil {
		d.set("minLength", *st.MinLength)
	}
	if st.MaxLength != nil {
		d.set("maxLength", *st.MaxLength)
	}
	if st.Pattern != "" {
		p, err := ECMAScript(st.Pattern)
		if err != nil {
			return nil, st.unsupported("simple type %s: %v", st.Name, err)
		}
		d.set("pattern", p)
	}
	return d, nil
}

// complexDef translates a complex type; sig reports whether it holds the signature slot.
func (s *Schema) complexDef(ct *ComplexType) (d *object, sig bool, err error) {
	ms, err := s.Members(ct)
	if err != nil {
		return nil, false, err
	}
	d = newObject()
	if ct.Doc != "" {
		d.set("description", ct.Doc)
	}
	d.set("type", "object")
	props := newObject()
	required := []string{}
	var choices [][]string
	for _, m := range ms {
		var item any
		switch {
		case m.Signature:
			sig = true
			item = newObject().set("$ref", "#/$defs/Signature")
		case m.Type.Builtin:
			if item, err = builtinDef(m.Type.Name); err != nil {
				return nil, false, err
			}
		default:
			item = newObject().set("$ref", "#/$defs/"+m.Type.Name)
		}
		if m.Repeated() {
			// An absent member is the way to say "none": an empty array would not
			// survive the trip through XML, so a present array has an item.
			arr := newObject().set("type", "array").set("items", item).set("minItems", max(1, m.MinOccurs))
			if m.MaxOccurs != Unbounded {
				arr.set("maxItems", m.MaxOccurs)
			}
			item = arr
		}
		props.set(m.Name, item)
		switch {
		case m.Choice > 0:
			for len(choices) < m.Choice {
				choices = append(choices, nil)
			}
			choices[m.Choice-1] = append(choices[m.Choice-1], m.Name)
		case m.MinOccurs > 0:
			required = append(required, m.Name)
		}
	}
	if len(ms) > 0 {
		d.set("properties", props)
	}
	if len(required) > 0 {
		d.set("required", required)
	}
	// A choice: exactly one branch present. The branches are also listed in properties,
	// so additionalProperties false still applies to them.
	var oneOfs []any
	for _, c := range choices {
		var branches []any
		for _, name := range c {
			branches = append(branches, newObject().set("required", []string{name}))
		}
		oneOfs = append(oneOfs, branches)
	}
	switch len(oneOfs) {
	case 0:
	case 1:
		d.set("oneOf", oneOfs[0])
	default:
		var all []any
		for _, o := range oneOfs {
			all = append(all, newObject().set("oneOf", o))
		}
		d.set("allOf", all)
	}
	d.set("additionalProperties", false)
	return d, sig, nil
}

// signatureDef is the JSON form of the signature: a flattened JWS (RFC 7515 §7.2.2)
// whose payload is detached (the canonical message without this member).
func signatureDef() *object {
	b64url := newObject().set("type", "string").set("pattern", "^[A-Za-z0-9_-]+$")
	return newObject().
		set("description", "A flattened JWS with a detached payload: the RFC 8785 form of the message without this member.").
		set("type", "object").
		set("properties", newObject().
			set("protected", b64url).
			set("signature", b64url).
			set("header", newObject().set("type", "object"))).
		set("required", []string{"protected", "signature"}).
		set("additionalProperties", false)
}
