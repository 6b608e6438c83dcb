package xsd

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// compilePattern translates an XML Schema regular expression (XSD 1.0
// Part 2, Appendix F) into a Go regexp. XSD patterns are implicitly anchored
// at both ends, have no ^/$ metacharacters, and support character-class
// subtraction and the \i \c escapes, which Go lacks; all character classes
// are therefore computed here as explicit rune ranges. A construct that
// cannot be translated is an error, never silently approximated.
func compilePattern(xsd string) (*regexp.Regexp, error) {
	src, err := translateRegex(xsd)
	if err != nil {
		return nil, err
	}
	re, err := regexp.Compile(src)
	if err != nil {
		return nil, fmt.Errorf("pattern %s: %v", quote(xsd), err)
	}
	return re, nil
}

func translateRegex(xsd string) (string, error) {
	p := &rxParser{s: []rune(xsd)}
	p.out.WriteString(`\A(?:`)
	if err := p.regExp(); err != nil {
		return "", fmt.Errorf("pattern %s: %v", quote(xsd), err)
	}
	if p.i < len(p.s) {
		return "", fmt.Errorf("pattern %s: unexpected %q at offset %d", quote(xsd), p.s[p.i], p.i)
	}
	p.out.WriteString(`)\z`)
	return p.out.String(), nil
}

type rxParser struct {
	s     []rune
	i     int
	depth int
	out   strings.Builder
}

func (p *rxParser) peek() rune {
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return -1
}

func (p *rxParser) regExp() error {
	if err := p.branch(); err != nil {
		return err
	}
	for p.peek() == '|' {
		p.i++
		p.out.WriteByte('|')
		if err := p.branch(); err != nil {
			return err
		}
	}
	return nil
}

func (p *rxParser) branch() error {
	for p.i < len(p.s) && p.peek() != '|' && p.peek() != ')' {
		if err := p.piece(); err != nil {
			return err
		}
	}
	return nil
}

func (p *rxParser) piece() error {
	if err := p.atom(); err != nil {
		return err
	}
	switch c := p.peek(); c {
	case '?', '*', '+':
		p.i++
		p.out.WriteRune(c)
	case '{':
		p.i++
		start := p.i
		for p.i < len(p.s) && p.s[p.i] != '}' {
			p.i++
		}
		if p.i == len(p.s) {
			return fmt.Errorf("unterminated quantifier")
		}
		q := string(p.s[start:p.i])
		p.i++
		lo, hi, comma := strings.Cut(q, ",")
		n, err := strconv.Atoi(lo)
		if err != nil || n < 0 || lo[0] == '+' {
			return fmt.Errorf("bad quantifier {%s}", q)
		}
		// Numbers are re-printed: Go reads {00} as literal text.
		switch {
		case !comma:
			fmt.Fprintf(&p.out, "{%d}", n)
		case hi == "":
			fmt.Fprintf(&p.out, "{%d,}", n)
		default:
			m, err := strconv.Atoi(hi)
			if err != nil || m < n || hi[0] == '+' || hi[0] == '-' {
				return fmt.Errorf("bad quantifier {%s}", q)
			}
			fmt.Fprintf(&p.out, "{%d,%d}", n, m)
		}
	}
	return nil
}

func (p *rxParser) atom() error {
	c := p.peek()
	switch c {
	case '(':
		p.i++
		p.depth++
		if p.depth > 100 {
			return fmt.Errorf("groups nested too deeply")
		}
		p.out.WriteString("(?:")
		if err := p.regExp(); err != nil {
			return err
		}
		if p.peek() != ')' {
			return fmt.Errorf("missing )")
		}
		p.i++
		p.depth--
		p.out.WriteByte(')')
	case '[':
		set, err := p.classExpr()
		if err != nil {
			return err
		}
		p.out.WriteString(set.String())
	case '.':
		p.i++
		p.out.WriteString(`[^\n\r]`)
	case '\\':
		set, single, err := p.escape()
		if err != nil {
			return err
		}
		if single >= 0 {
			p.out.WriteString(regexp.QuoteMeta(string(single)))
		} else {
			p.out.WriteString(set.String())
		}
	case '?', '*', '+', '{', '}', ')', ']', '|':
		return fmt.Errorf("unexpected %q at offset %d", c, p.i)
	default:
		p.i++
		p.out.WriteString(regexp.QuoteMeta(string(c)))
	}
	return nil
}

// escape parses a backslash escape: a single character (returned as
// single) or a class.
func (p *rxParser) escape() (set runeSet, single rune, err error) {
	p.i++ // backslash
	if p.i >= len(p.s) {
		return nil, -1, fmt.Errorf("trailing backslash")
	}
	c := p.s[p.i]
	p.i++
	switch c {
	case 'n':
		return nil, '\n', nil
	case 'r':
		return nil, '\r', nil
	case 't':
		return nil, '\t', nil
	case '\\', '|', '.', '-', '^', '?', '*', '+', '{', '}', '(', ')', '[', ']':
		return nil, c, nil
	case 's':
		return rangesOf(' ', ' ', '\t', '\t', '\n', '\n', '\r', '\r'), -1, nil
	case 'S':
		return rangesOf(' ', ' ', '\t', '\t', '\n', '\n', '\r', '\r').negate(), -1, nil
	case 'i':
		return nameStartSet(), -1, nil
	case 'I':
		return nameStartSet().negate(), -1, nil
	case 'c':
		return nameCharSet(), -1, nil
	case 'C':
		return nameCharSet().negate(), -1, nil
	case 'd':
		return tableSet(unicode.Nd), -1, nil
	case 'D':
		return tableSet(unicode.Nd).negate(), -1, nil
	case 'w':
		return wordSet(), -1, nil
	case 'W':
		return wordSet().negate(), -1, nil
	case 'p', 'P':
		if p.peek() != '{' {
			return nil, -1, fmt.Errorf("\\%c needs {name}", c)
		}
		end := p.i
		for end < len(p.s) && p.s[end] != '}' {
			end++
		}
		if end == len(p.s) {
			return nil, -1, fmt.Errorf("unterminated \\%c{", c)
		}
		name := string(p.s[p.i+1 : end])
		p.i = end + 1
		set, err := propertySet(name)
		if err != nil {
			return nil, -1, err
		}
		if c == 'P' {
			set = set.negate()
		}
		return set, -1, nil
	}
	return nil, -1, fmt.Errorf("unknown escape \\%c", c)
}

// classExpr parses [ group ( -[ subtrahend ] )? ].
func (p *rxParser) classExpr() (runeSet, error) { return p.classExprAs(false) }

// classExprAs parses a class; as a subtrahend, a nested subtraction is
// flattened: libxml2 reads [a-z-[b-y-[c]]] as a-z minus b-y minus c (XSD
// says a-z minus (b-y minus c)), and verdicts follow libxml2.
func (p *rxParser) classExprAs(subtrahend bool) (runeSet, error) {
	p.i++ // [
	neg := false
	if p.peek() == '^' {
		neg = true
		p.i++
	}
	var set runeSet
	first := true
	for {
		c := p.peek()
		switch {
		case c == -1:
			return nil, fmt.Errorf("unterminated character class")
		case c == ']' && first:
			// A class needs at least one character or escape, and ']' is
			// never a literal in one (XmlChar excludes it).
			return nil, fmt.Errorf("empty character class, or an unescaped ] in one")
		case c == ']':
			p.i++
			if neg {
				set = set.negate()
			}
			return set, nil
		case c == '-' && !first && p.i+1 < len(p.s) && p.s[p.i+1] == '[':
			p.i++
			sub, err := p.classExprAs(true)
			if err != nil {
				return nil, err
			}
			if p.peek() != ']' {
				return nil, fmt.Errorf("subtraction must end the character class")
			}
			p.i++
			if neg {
				set = set.negate()
			}
			if subtrahend {
				return append(set, sub...).norm(), nil
			}
			return set.subtract(sub), nil
		}
		first = false
		var lo rune
		if c == '\\' {
			s, single, err := p.escape()
			if err != nil {
				return nil, err
			}
			if single < 0 {
				set = append(set, s...)
				continue
			}
			lo = single
		} else if c == '[' {
			return nil, fmt.Errorf("unescaped [ in character class")
		} else {
			p.i++
			lo = c
		}
		hi := lo
		// A range a-z; a '-' before ']' or '[' is a literal.
		if p.peek() == '-' && p.i+1 < len(p.s) && p.s[p.i+1] != ']' && p.s[p.i+1] != '[' {
			p.i++
			h := p.peek()
			if h == '\\' {
				_, single, err := p.escape()
				if err != nil {
					return nil, err
				}
				if single < 0 {
					return nil, fmt.Errorf("class escape cannot end a range")
				}
				h = single
			} else {
				p.i++
			}
			if h < lo {
				return nil, fmt.Errorf("range %c-%c is reversed", lo, h)
			}
			hi = h
		}
		set = append(set, runeRange{lo, hi})
	}
}

// runeSet is a set of code points as ranges (normalised by norm).
type runeSet []runeRange

type runeRange struct{ lo, hi rune }

func rangesOf(bounds ...rune) runeSet {
	var s runeSet
	for i := 0; i+1 < len(bounds); i += 2 {
		s = append(s, runeRange{bounds[i], bounds[i+1]})
	}
	return s
}

func (s runeSet) norm() runeSet {
	if len(s) == 0 {
		return s
	}
	t := append(runeSet(nil), s...)
	sort.Slice(t, func(i, j int) bool { return t[i].lo < t[j].lo })
	out := t[:1]
	for _, r := range t[1:] {
		last := &out[len(out)-1]
		if r.lo <= last.hi+1 {
			if r.hi > last.hi {
				last.hi = r.hi
			}
			continue
		}
		out = append(out, r)
	}
	return out
}

func (s runeSet) negate() runeSet {
	s = s.norm()
	var out runeSet
	next := rune(0)
	for _, r := range s {
		if r.lo > next {
			out = append(out, runeRange{next, r.lo - 1})
		}
		next = r.hi + 1
	}
	if next <= unicode.MaxRune {
		out = append(out, runeRange{next, unicode.MaxRune})
	}
	return out
}

func (s runeSet) subtract(t runeSet) runeSet {
	neg := t.negate()
	// s ∩ ¬t
	a, b := s.norm(), neg
	var out runeSet
	for i, j := 0, 0; i < len(a) && j < len(b); {
		lo, hi := max(a[i].lo, b[j].lo), min(a[i].hi, b[j].hi)
		if lo <= hi {
			out = append(out, runeRange{lo, hi})
		}
		if a[i].hi < b[j].hi {
			i++
		} else {
			j++
		}
	}
	return out
}

// String renders the set as a Go character class.
func (s runeSet) String() string {
	s = s.norm()
	if len(s) == 0 {
		return `[^\x{0}-\x{10FFFF}]`
	}
	var b strings.Builder
	b.WriteByte('[')
	for _, r := range s {
		fmt.Fprintf(&b, `\x{%X}`, r.lo)
		if r.hi != r.lo {
			fmt.Fprintf(&b, `-\x{%X}`, r.hi)
		}
	}
	b.WriteByte(']')
	return b.String()
}

func tableSet(tables ...*unicode.RangeTable) runeSet {
	var s runeSet
	for _, t := range tables {
		for _, r := range t.R16 {
			for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
				if r.Stride == 1 {
					s = append(s, runeRange{rune(r.Lo), rune(r.Hi)})
					break
				}
				s = append(s, runeRange{c, c})
			}
		}
		for _, r := range t.R32 {
			for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
				if r.Stride == 1 {
					s = append(s, runeRange{rune(r.Lo), rune(r.Hi)})
					break
				}
				s = append(s, runeRange{c, c})
			}
		}
	}
	return s.norm()
}

// \i and \c are XML 1.0's Letter and NameChar (Second Edition, Appendix
// B), which XSD 1.0 names. Appendix B derives them from Unicode categories
// and then names exceptions; the categories come from the unicode package,
// the exceptions below are the ones the appendix lists.

// xml10Letters are the characters Appendix B makes name-start characters
// beyond their category: U+02BB–U+02C1, U+0559, U+06E5 and U+06E6 are
// Alphabetic in the property file, and U+212E is listed as a base
// character.
var xml10Letters = rangesOf(0x02BB, 0x02C1, 0x0559, 0x0559, 0x06E5, 0x06E6, 0x212E, 0x212E)

// xml10NameChars are the name characters Appendix B adds beyond their
// category: U+00B7 is an extender, U+0387 its canonical equivalent, and
// U+06DD–U+06DE were combining characters in the Unicode version XML 1.0
// read.
var xml10NameChars = rangesOf(0xB7, 0xB7, 0x0387, 0x0387, 0x06DD, 0x06DE)

func nameStartSet() runeSet {
	s := tableSet(unicode.Ll, unicode.Lu, unicode.Lo, unicode.Lt, unicode.Nl)
	s = append(s, xml10Letters...)
	return append(s, runeRange{'_', '_'}, runeRange{':', ':'}).norm()
}

func nameCharSet() runeSet {
	s := tableSet(unicode.Ll, unicode.Lu, unicode.Lo, unicode.Lt, unicode.Nl,
		unicode.Mc, unicode.Me, unicode.Mn, unicode.Lm, unicode.Nd)
	s = append(append(s, xml10Letters...), xml10NameChars...)
	return append(s, runeRange{'_', '_'}, runeRange{':', ':'}, runeRange{'.', '.'},
		runeRange{'-', '-'}).norm()
}

// wordSet is \w: everything except punctuation, separators and "other".
func wordSet() runeSet {
	return tableSet(unicode.P, unicode.Z, unicode.C).negate()
}

// propertySet resolves \p{…}: a general category or an Is-block.
func propertySet(name string) (runeSet, error) {
	if strings.HasPrefix(name, "Is") {
		if r, ok := unicodeBlocks()[name[2:]]; ok {
			return runeSet{r}, nil
		}
		return nil, fmt.Errorf("unknown block \\p{%s}", name)
	}
	if t, ok := unicode.Categories[name]; ok && len(name) <= 2 {
		return tableSet(t), nil
	}
	return nil, fmt.Errorf("unknown category \\p{%s}", name)
}
