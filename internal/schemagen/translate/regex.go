package translate

import (
	"fmt"
	"strings"
)

// ECMAScript translates an XSD regular expression into an anchored ECMAScript one that
// means the same in JSON Schema validators (ECMA-262 with the u flag) and in Go's RE2, or
// refuses it.
//
// XSD patterns are implicitly anchored and have no anchors: ^ and $ are ordinary
// characters there. The multi-character escapes \d \w \s \i \c (and their complements)
// mean different sets in XSD (Unicode-wide, XML name characters) than in ECMAScript and
// RE2 (ASCII), so they are refused rather than approximated; write explicit classes.
func ECMAScript(pattern string) (string, error) {
	var b strings.Builder
	r := []rune(pattern)
	inClass := false
	classStart := false
	depth := 0
	topAlt := false
	bad := func(format string, args ...any) error {
		return fmt.Errorf("pattern %q: %s", pattern, fmt.Sprintf(format, args...))
	}
	for i := 0; i < len(r); i++ {
		c := r[i]
		first := classStart
		classStart = false
		switch {
		case c == '\\':
			if i+1 >= len(r) {
				return "", bad("trailing backslash")
			}
			i++
			e := r[i]
			switch e {
			case 'n', 'r', 't', '\\', '|', '.', '?', '*', '+', '(', ')', '{', '}', '[', ']', '^':
				b.WriteRune('\\')
				b.WriteRune(e)
			case '-':
				if inClass {
					b.WriteString(`\-`)
				} else {
					b.WriteRune('-') // \- outside a class is not valid ECMAScript with the u flag
				}
			case 'p', 'P':
				j := i + 1
				if j >= len(r) || r[j] != '{' {
					return "", bad("\\%c without {", e)
				}
				k := j + 1
				for k < len(r) && r[k] != '}' {
					k++
				}
				if k >= len(r) {
					return "", bad("unterminated \\%c{", e)
				}
				name := string(r[j+1 : k])
				if inClass && e == 'P' {
					// libxml2 mis-evaluates a complement inside a class, so xmllint
					// and the JSON side would disagree; write (\P{X}|[…]) instead.
					return "", bad("\\P{%s} inside a character class", name)
				}
				if !generalCategory[name] {
					return "", bad("category %q is not a Unicode general category (block escapes are not translated)", name)
				}
				b.WriteString(`\` + string(e) + `{` + name + `}`)
				i = k
			default:
				return "", bad("escape \\%c is not translated (its meaning differs between XSD and ECMAScript)", e)
			}
		case inClass:
			switch c {
			case ']':
				if first {
					return "", bad("empty character class")
				}
				inClass = false
				b.WriteRune(c)
			case '[':
				return "", bad("character class subtraction or nested class")
			case '-':
				if i+1 < len(r) && r[i+1] == '[' {
					return "", bad("character class subtraction")
				}
				b.WriteRune(c)
			case '^':
				b.WriteString(`\^`) // the negating ^ right after [ was consumed there
			default:
				b.WriteRune(c)
			}
		case c == '[':
			inClass = true
			classStart = true
			b.WriteRune(c)
			if i+1 < len(r) && r[i+1] == '^' {
				i++
				b.WriteRune('^')
			}
		case c == '.':
			b.WriteString(`[^\n\r]`) // XSD's . excludes only line feed and carriage return
		case c == '^' || c == '$':
			b.WriteString(`\` + string(c)) // ordinary characters in XSD, anchors elsewhere
		case c == '(':
			depth++
			b.WriteRune(c)
		case c == ')':
			if depth == 0 {
				return "", bad("unbalanced )")
			}
			depth--
			b.WriteRune(c)
		case c == '|':
			if depth == 0 {
				topAlt = true
			}
			b.WriteRune(c)
		default:
			b.WriteRune(c)
		}
	}
	if inClass || depth != 0 {
		return "", bad("unterminated class or group")
	}
	if topAlt {
		return "^(?:" + b.String() + ")$", nil
	}
	return "^" + b.String() + "$", nil
}

// generalCategory lists the Unicode general categories usable in \p{…} in XSD,
// ECMAScript (u flag) and RE2 alike.
var generalCategory = map[string]bool{}

func init() {
	for _, c := range strings.Fields(`L Lu Ll Lt Lm Lo M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po
		Z Zs Zl Zp S Sm Sc Sk So Cc Cf Co`) {
		generalCategory[c] = true
	}
}
