package xsd

import "fmt"

// Element Declarations Consistent (XSD 1.0 §3.8.6, cos-element-consistent):
// within one content model, elements of the same name, whether declared
// there, reached through nested groups, or able to appear as members of a
// substitution group, must have the same type definition. Otherwise the
// type of a child would depend on where in the model it matched.

// checkConsistent applies cos-element-consistent to every content model.
func (c *compiler) checkConsistent() {
	for _, ct := range c.complex {
		if c.err != nil {
			return
		}
		if ct.particle == nil || ct.isAnyType {
			continue
		}
		seen := map[qname]*elementDecl{}
		if err := consistentIn(ct.particle, seen); err != nil {
			c.fail(ct.node, ErrSchema, "content model of %s: %v (cos-element-consistent)", typeLabel(ct), err)
		}
	}
}

func consistentIn(p *particle, seen map[qname]*elementDecl) error {
	switch p.kind {
	case pkWildcard:
		return nil
	case pkElement:
		if err := consistentDecl(p.elem, p.line, seen); err != nil {
			return err
		}
		for _, m := range p.elem.subst {
			if err := consistentDecl(m, p.line, seen); err != nil {
				return err
			}
		}
		return nil
	}
	for _, k := range p.kids {
		if err := consistentIn(k, seen); err != nil {
			return err
		}
	}
	return nil
}

func consistentDecl(e *elementDecl, line int, seen map[qname]*elementDecl) error {
	prev, ok := seen[e.name]
	if !ok {
		seen[e.name] = e
		return nil
	}
	if prev == e || prev.typ == e.typ {
		return nil
	}
	return fmt.Errorf("element %s (line %d) has type %s here and %s elsewhere in the same model",
		e.name, line, typeDefName(e.typ), typeDefName(prev.typ))
}
