package xsd

import (
	"fmt"
	"strings"
)

// xpathExpr is the restricted XPath of identity constraints (XSD 1.0
// §3.11.6): unions of child-axis paths, optionally starting with .//, and
// for fields an optional final attribute step.
type xpathExpr struct {
	src   string
	paths []xpath
}

type xpath struct {
	descendant bool // starts with .//
	steps      []xstep
	attr       *xstep // field paths only
}

type xstep struct {
	self  bool // "."
	any   bool // "*"
	ns    string
	local string // "" with !any means "prefix:*"
}

func (s xstep) matches(ns, local string) bool {
	switch {
	case s.any:
		return true
	case s.local == "":
		return ns == s.ns
	}
	return ns == s.ns && local == s.local
}

func parseXPath(src string, field bool, n *xnode) (*xpathExpr, error) {
	e := &xpathExpr{src: src}
	for _, alt := range strings.Split(src, "|") {
		p, err := parsePath(strings.TrimSpace(alt), field, n)
		if err != nil {
			return nil, fmt.Errorf("xpath %s: %v", quote(src), err)
		}
		e.paths = append(e.paths, p)
	}
	return e, nil
}

func parsePath(s string, field bool, n *xnode) (xpath, error) {
	var p xpath
	if err := tokenSpacing(s); err != nil {
		return p, err
	}
	s = strings.Join(strings.Fields(s), "")
	if strings.HasPrefix(s, ".//") {
		p.descendant = true
		s = s[3:]
	}
	if s == "" {
		return p, fmt.Errorf("empty path")
	}
	parts := strings.Split(s, "/")
	for i, part := range parts {
		last := i == len(parts)-1
		part = strings.TrimPrefix(part, "child::")
		if strings.HasPrefix(part, "attribute::") {
			part = "@" + strings.TrimPrefix(part, "attribute::")
		}
		if strings.HasPrefix(part, "@") {
			if !field || !last {
				return p, fmt.Errorf("attribute step not allowed here")
			}
			st, err := nameTest(part[1:], n)
			if err != nil {
				return p, err
			}
			p.attr = &st
			continue
		}
		if part == "." {
			p.steps = append(p.steps, xstep{self: true})
			continue
		}
		st, err := nameTest(part, n)
		if err != nil {
			return p, err
		}
		p.steps = append(p.steps, st)
	}
	return p, nil
}

func nameTest(s string, n *xnode) (xstep, error) {
	if s == "*" {
		return xstep{any: true}, nil
	}
	prefix, local, found := strings.Cut(s, ":")
	if !found {
		if !isNCName(s) {
			return xstep{}, fmt.Errorf("invalid name test %q", s)
		}
		return xstep{local: s}, nil
	}
	ns, ok := n.lookupNS(prefix)
	if !ok || !isNCName(prefix) {
		return xstep{}, fmt.Errorf("unbound prefix %q", prefix)
	}
	if local == "*" {
		return xstep{ns: ns}, nil
	}
	if !isNCName(local) {
		return xstep{}, fmt.Errorf("invalid name test %q", s)
	}
	return xstep{ns: ns, local: local}, nil
}

func (c *compiler) compileIDC(n *xnode) *idc {
	c.checkAttrs(n, "name", "refer")
	name, _ := n.attr("name")
	x := &idc{name: qname{n.doc.tns, name}, line: n.line, node: n}
	switch n.name.local {
	case "key":
		x.kind = idcKey
	case "keyref":
		x.kind = idcKeyref
		q, ok := c.qnameAttr(n, "refer")
		if !ok {
			c.fail(n, ErrSchema, "xs:keyref needs refer")
		}
		x.referQ = q
	}
	if !isNCName(name) {
		c.fail(n, ErrSchema, "identity constraint needs a name")
	}
	if _, dup := c.idcs[x.name]; dup {
		c.fail(n, ErrSchema, "identity constraint %s declared twice", x.name)
	}
	c.idcs[x.name] = x
	for _, k := range n.xs() {
		xp, ok := k.attr("xpath")
		if !ok {
			c.fail(k, ErrSchema, "xs:%s needs xpath", k.name.local)
			continue
		}
		switch k.name.local {
		case "selector":
			if x.selector != nil || len(x.fields) > 0 {
				c.fail(k, ErrSchema, "xs:%s holds one xs:selector, before its fields", n.name.local)
			}
			e, err := parseXPath(xp, false, k)
			if err != nil {
				c.fail(k, ErrSchema, "%v", err)
				continue
			}
			x.selector = e
		case "field":
			e, err := parseXPath(xp, true, k)
			if err != nil {
				c.fail(k, ErrSchema, "%v", err)
				continue
			}
			x.fields = append(x.fields, e)
		default:
			c.fail(k, ErrSchema, "unexpected xs:%s in identity constraint", k.name.local)
		}
	}
	if x.selector == nil || len(x.fields) == 0 {
		c.fail(n, ErrSchema, "identity constraint %s needs a selector and at least one field", x.name)
	}
	return x
}

func (c *compiler) resolveKeyrefs() {
	for _, x := range c.idcs {
		if x.kind != idcKeyref {
			continue
		}
		r := c.idcs[x.referQ]
		if r == nil || r.kind == idcKeyref {
			c.fail(x.node, ErrSchema, "keyref %s refers to %s, which is not a key or unique constraint", x.name, x.referQ)
			continue
		}
		if len(r.fields) != len(x.fields) {
			c.fail(x.node, ErrSchema, "keyref %s has %d fields but %s has %d", x.name, len(x.fields), r.name, len(r.fields))
		}
		x.refer = r
	}
}

// tokenSpacing refuses whitespace inside a token, which removing it would
// hide: in a QName or "prefix:*" (xpns: *), between the colons of an axis
// (child: :a), or inside a name. Whitespace between tokens is allowed.
func tokenSpacing(s string) error {
	nameByte := func(c byte) bool {
		return c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
	}
	single := func(i int) bool { // s[i] is a colon that is not half of "::"
		return s[i] == ':' && (i == 0 || s[i-1] != ':') && (i+1 == len(s) || s[i+1] != ':')
	}
	for i := 0; i < len(s); {
		if !isSpaceByte(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isSpaceByte(s[j]) {
			j++
		}
		if i > 0 && j < len(s) && (single(i-1) || single(j) || nameByte(s[i-1]) && nameByte(s[j])) {
			return fmt.Errorf("whitespace inside a name or an axis in %s", quote(s))
		}
		i = j
	}
	return nil
}
