package translate

import (
	"strconv"
	"strings"
)

// typeRef resolves a type="…" value: xs:NAME is built-in, an unprefixed name is ours.
func typeRef(n *node, v string) (TypeRef, error) {
	if local, ok := strings.CutPrefix(v, "xs:"); ok {
		if !builtins[local] {
			return TypeRef{}, n.unsupported("built-in type xs:%s", local)
		}
		return TypeRef{Builtin: true, Name: local}, nil
	}
	if v == "" || strings.Contains(v, ":") {
		return TypeRef{}, n.invalid("type reference %q", v)
	}
	return TypeRef{Name: v}, nil
}

// builtins are the XSD built-in types the translator knows how to map.
var builtins = map[string]bool{
	"string": true, "anyURI": true, "dateTime": true, "date": true, "decimal": true,
	"base64Binary": true, "int": true, "long": true, "boolean": true,
}

func occurs(n *node) (lo, hi int, err error) {
	lo, hi = 1, 1
	if v, ok := n.attr("minOccurs"); ok {
		if lo, err = strconv.Atoi(v); err != nil || lo < 0 {
			return 0, 0, n.invalid("minOccurs %q", v)
		}
	}
	if v, ok := n.attr("maxOccurs"); ok {
		if v == "unbounded" {
			hi = Unbounded
		} else if hi, err = strconv.Atoi(v); err != nil || hi < 1 {
			return 0, 0, n.invalid("maxOccurs %q", v)
		}
	}
	if hi != Unbounded && lo > hi {
		return 0, 0, n.invalid("minOccurs greater than maxOccurs")
	}
	return lo, hi, nil
}

func parseElement(n *node, global bool) (*Particle, error) {
	allowed := []string{"name", "type", "minOccurs", "maxOccurs"}
	if global {
		allowed = allowed[:2]
	}
	if err := n.only(allowed...); err != nil {
		return nil, err
	}
	kids, _, err := n.children()
	if err != nil {
		return nil, err
	}
	if len(kids) > 0 {
		return nil, n.unsupported("an anonymous type (name every type)")
	}
	name, _ := n.attr("name")
	tv, ok := n.attr("type")
	if name == "" || !ok {
		return nil, n.unsupported("an element without name and type")
	}
	t, err := typeRef(n, tv)
	if err != nil {
		return nil, err
	}
	lo, hi, err := occurs(n)
	if err != nil {
		return nil, err
	}
	return &Particle{Kind: KindElement, Name: name, Type: t, MinOccurs: lo, MaxOccurs: hi, pos: n.pos}, nil
}

// parseParticle reads a particle inside a model group.
func parseParticle(n *node) (*Particle, error) {
	switch n.name.Local {
	case "element":
		return parseElement(n, false)
	case "sequence", "choice":
		return parseModelGroup(n)
	case "group":
		if err := n.only("ref"); err != nil {
			return nil, err
		}
		ref, _ := n.attr("ref")
		if ref == "" || strings.Contains(ref, ":") {
			return nil, n.invalid("group reference %q", ref)
		}
		if kids, _, err := n.children(); err != nil || len(kids) > 0 {
			return nil, n.invalid("content in a group reference")
		}
		return &Particle{Kind: KindGroupRef, Name: ref, MinOccurs: 1, MaxOccurs: 1, pos: n.pos}, nil
	case "any":
		if err := n.only("namespace", "processContents", "minOccurs"); err != nil {
			return nil, err
		}
		ns, _ := n.attr("namespace")
		pc, _ := n.attr("processContents")
		lo, _, err := occurs(n)
		if err != nil {
			return nil, err
		}
		if ns != nsDSig || pc != "skip" || lo != 0 {
			return nil, n.unsupported("xs:any other than the optional XML-DSig signature")
		}
		return &Particle{Kind: KindAny, Namespace: ns, MinOccurs: 0, MaxOccurs: 1, pos: n.pos}, nil
	}
	return nil, n.unsupported("xs:%s in a content model", n.name.Local)
}

func parseModelGroup(n *node) (*Particle, error) {
	if err := n.only(); err != nil {
		return nil, n.unsupported("occurrence attributes on xs:%s", n.name.Local)
	}
	kids, _, err := n.children()
	if err != nil {
		return nil, err
	}
	kind := KindSequence
	if n.name.Local == "choice" {
		kind = KindChoice
	}
	p := &Particle{Kind: kind, MinOccurs: 1, MaxOccurs: 1, pos: n.pos}
	for _, k := range kids {
		c, err := parseParticle(k)
		if err != nil {
			return nil, err
		}
		p.Particles = append(p.Particles, c)
	}
	return p, nil
}

func parseComplexType(n *node) (*ComplexType, error) {
	if err := n.only("name"); err != nil {
		return nil, err
	}
	name, _ := n.attr("name")
	kids, doc, err := n.children()
	if err != nil {
		return nil, err
	}
	ct := &ComplexType{Name: name, Doc: doc, pos: n.pos}
	if name == "" {
		return nil, n.unsupported("an anonymous complex type")
	}
	switch {
	case len(kids) == 0:
	case len(kids) == 1 && (kids[0].name.Local == "sequence" || kids[0].name.Local == "choice" || kids[0].name.Local == "group"):
		if ct.Content, err = parseParticle(kids[0]); err != nil {
			return nil, err
		}
	default:
		return nil, n.unsupported("complex type %s: content other than one sequence, choice or group (no attributes, no derivation)", name)
	}
	return ct, nil
}

func parseGroup(n *node) (*Group, error) {
	if err := n.only("name"); err != nil {
		return nil, err
	}
	name, _ := n.attr("name")
	kids, doc, err := n.children()
	if err != nil {
		return nil, err
	}
	if name == "" || len(kids) != 1 || (kids[0].name.Local != "sequence" && kids[0].name.Local != "choice") {
		return nil, n.unsupported("group %q: one named sequence or choice expected", name)
	}
	c, err := parseModelGroup(kids[0])
	if err != nil {
		return nil, err
	}
	return &Group{Name: name, Doc: doc, Content: c, pos: n.pos}, nil
}
