package translate

// Member is one element of a complex type's content, after group references are
// flattened: the unit that becomes one JSON member.
type Member struct {
	Name      string
	Type      TypeRef
	MinOccurs int
	MaxOccurs int // Unbounded for "unbounded"
	// Choice is 0 for an element of the sequence, and n ≥ 1 for a branch of the type's
	// n-th choice (branches of one choice share n).
	Choice int
	// Signature marks the xs:any slot of the enveloped XML-DSig signature.
	Signature bool
}

// Optional reports whether the member may be absent.
func (m Member) Optional() bool { return m.MinOccurs == 0 || m.Choice > 0 }

// Repeated reports whether the member may occur more than once (a JSON array).
func (m Member) Repeated() bool { return m.MaxOccurs == Unbounded || m.MaxOccurs > 1 }

// Members lists the elements of ct in document order, group references expanded.
func (s *Schema) Members(ct *ComplexType) ([]Member, error) {
	var out []Member
	choices := 0
	var walk func(p *Particle, choice, depth int) error
	walk = func(p *Particle, choice, depth int) error {
		if depth > maxDepth {
			return p.invalid("model groups nested too deeply (a recursive group?)")
		}
		switch p.Kind {
		case KindElement:
			out = append(out, Member{Name: p.Name, Type: p.Type, MinOccurs: p.MinOccurs, MaxOccurs: p.MaxOccurs, Choice: choice})
		case KindAny:
			out = append(out, Member{Name: "Signature", MinOccurs: 0, MaxOccurs: 1, Choice: choice, Signature: true})
		case KindGroupRef:
			g := s.Groups[p.Name]
			if g == nil {
				return p.invalid("unknown group %s", p.Name)
			}
			return walk(g.Content, choice, depth+1)
		case KindSequence:
			if choice > 0 {
				return p.unsupported("a sequence inside a choice")
			}
			for _, c := range p.Particles {
				if err := walk(c, 0, depth+1); err != nil {
					return err
				}
			}
		case KindChoice:
			if choice > 0 {
				return p.unsupported("a choice inside a choice")
			}
			if len(p.Particles) < 2 {
				return p.unsupported("a choice with fewer than two branches")
			}
			choices++
			n := choices
			for _, c := range p.Particles {
				if c.Kind == KindGroupRef {
					return c.unsupported("a group reference as a choice branch")
				}
				if c.Kind != KindElement || c.MinOccurs == 0 {
					return c.unsupported("a choice branch other than one required element")
				}
				if err := walk(c, n, depth+1); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if ct.Content != nil {
		if err := walk(ct.Content, 0, 0); err != nil {
			return nil, err
		}
	}
	seen := map[string]bool{}
	for _, m := range out {
		if seen[m.Name] {
			return nil, ct.unsupported("complex type %s: element %s appears twice (one JSON member each)", ct.Name, m.Name)
		}
		seen[m.Name] = true
	}
	return out, nil
}

// check resolves every reference and applies the rules that span definitions.
func (s *Schema) check() error {
	if s.Root.Type.Builtin || s.ComplexTypes[s.Root.Type.Name] == nil {
		return s.Root.unsupported("the root element must have a named complex type")
	}
	for _, name := range sortedKeys(s.ComplexTypes) {
		ct := s.ComplexTypes[name]
		ms, err := s.Members(ct)
		if err != nil {
			return err
		}
		for i, m := range ms {
			if m.Signature {
				if ct.Name != s.Root.Type.Name || i != len(ms)-1 || m.Choice != 0 {
					return ct.unsupported("complex type %s: the signature slot must end the root type", ct.Name)
				}
				continue
			}
			if m.Type.Builtin {
				continue
			}
			if s.SimpleTypes[m.Type.Name] == nil && s.ComplexTypes[m.Type.Name] == nil {
				return ct.invalid("complex type %s: element %s has unknown type %s", ct.Name, m.Name, m.Type)
			}
		}
	}
	if s.ComplexTypes["Signature"] != nil || s.SimpleTypes["Signature"] != nil {
		return s.ComplexTypes["Signature"].invalid("the type name Signature is reserved for the JSON signature member")
	}
	return nil
}
