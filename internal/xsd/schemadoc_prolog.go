package xsd

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
)

// Schema documents come as their authors shipped them: SAML 2.0 declares
// US-ASCII, HL7 CDA "ASCII", older national sets ISO-8859-1 or
// windows-1252. schemaText turns any charset golang.org/x/text knows into
// UTF-8 before parsing; the declaration keeps its label, and the parser is
// told the text is already decoded. Instances stay UTF-8 only.

var encodingDecl = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']`)
})

// schemaText returns data as UTF-8, decoding it from the charset its byte
// order mark or XML declaration names.
func schemaText(data []byte) ([]byte, error) {
	var enc encoding.Encoding
	label := ""
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		return data, nil
	case bytes.HasPrefix(data, []byte("\xFF\xFE")), bytes.HasPrefix(data, []byte("\xFE\xFF")):
		enc, label = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "UTF-16"
	default:
		m := encodingDecl().FindSubmatch(data[:min(len(data), 200)])
		if m == nil {
			return data, nil
		}
		label = string(m[1])
		switch strings.ToLower(label) {
		case "utf-8", "utf8":
			return data, nil
		case "us-ascii", "ascii":
			return data, checkASCII(data, label)
		}
		var err error
		if enc, err = ianaindex.IANA.Encoding(label); err != nil || enc == nil {
			if enc, err = htmlindex.Get(label); err != nil {
				return nil, fmt.Errorf("unknown charset %q", label)
			}
		}
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("not readable as %s: %v", label, err)
	}
	// Decoders turn bytes the charset does not define into U+FFFD.
	if i := bytes.IndexRune(out, utf8.RuneError); i >= 0 && !bytes.ContainsRune(data, utf8.RuneError) {
		return nil, fmt.Errorf("line %d: a byte that %s does not define", 1+bytes.Count(out[:i], []byte("\n")), label)
	}
	return out, nil
}

func checkASCII(data []byte, label string) error {
	for i, b := range data {
		if b >= 0x80 {
			return fmt.Errorf("line %d: byte 0x%02X is not %s", 1+bytes.Count(data[:i], []byte("\n")), b, label)
		}
	}
	return nil
}

// Limits on what an internal subset may make of a schema document: entity
// declarations, the length of one entity's replacement text, nesting of
// entity references, and the text that all references in the document
// add. The W3C XML-DSig schema, the usual reason a schema has a DOCTYPE,
// declares three short entities.
const (
	maxEntityDecls     = 1024
	maxEntityValue     = 64 << 10
	maxEntityDepth     = 16
	maxEntityExpansion = 4 << 20
)

var errEntityLimit = errors.New("entity expansion over the limit")

// internalSubset reads the general entities a DOCTYPE declares in its
// internal subset (dir is the directive after "<!"). Other declarations
// (elements, attribute lists, notations, parameter entities) are read past:
// DTD validation is no part of schema processing, and the external subset
// is never fetched. An external general entity is declared but has no text,
// so a reference to it is an error.
func internalSubset(dir []byte) (map[string]string, error) {
	s := string(dir)
	open := indexOutsideQuotes(s, '[')
	if open < 0 {
		return nil, nil
	}
	end := strings.LastIndexByte(s, ']')
	if end < open {
		return nil, errors.New("internal subset without its closing ]")
	}
	sub := s[open+1 : end]
	raw := map[string]string{}
	external := map[string]bool{}
	for sub = strings.TrimLeft(sub, " \t\r\n"); sub != ""; sub = strings.TrimLeft(sub, " \t\r\n") {
		var end int
		switch {
		case strings.HasPrefix(sub, "<!--"):
			end = strings.Index(sub, "-->") + 3
		case strings.HasPrefix(sub, "<?"):
			end = strings.Index(sub, "?>") + 2
		case sub[0] == '%':
			end = strings.IndexByte(sub, ';') + 1
		case strings.HasPrefix(sub, "<!ENTITY"):
			end = indexOutsideQuotes(sub, '>') + 1
			if end > 0 {
				if err := entityDecl(sub[len("<!ENTITY"):end-1], raw, external); err != nil {
					return nil, err
				}
			}
		case strings.HasPrefix(sub, "<!"):
			end = indexOutsideQuotes(sub, '>') + 1
		default:
			return nil, fmt.Errorf("unexpected %s in the internal subset", quote(sub))
		}
		if end <= 0 {
			return nil, fmt.Errorf("unterminated declaration %s in the internal subset", quote(sub))
		}
		sub = sub[end:]
	}
	if len(raw)+len(external) > maxEntityDecls {
		return nil, fmt.Errorf("more than %d entity declarations: %w", maxEntityDecls, errEntityLimit)
	}
	out := make(map[string]string, len(raw))
	for name := range raw {
		v, err := expandEntity(name, raw, external, 0)
		if err != nil {
			return nil, err
		}
		out[name] = v
	}
	return out, nil
}

// entityDecl reads ` name "value"` or ` name SYSTEM "uri"…`; parameter
// entities are skipped. The first declaration of a name binds (XML 1.0
// §4.2).
func entityDecl(decl string, raw map[string]string, external map[string]bool) error {
	fields := strings.Fields(decl)
	if len(fields) < 2 {
		return fmt.Errorf("bad entity declaration %s", quote(decl))
	}
	if fields[0] == "%" {
		return nil
	}
	name := fields[0]
	if !isNCName(name) {
		return fmt.Errorf("bad entity name %s", quote(name))
	}
	if _, dup := raw[name]; dup || external[name] {
		return nil
	}
	rest := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(decl), name))
	if rest == "" {
		return fmt.Errorf("entity %s has no value", name)
	}
	if q := rest[0]; q == '"' || q == '\'' {
		end := strings.IndexByte(rest[1:], q)
		if end < 0 {
			return fmt.Errorf("entity %s: unterminated value", name)
		}
		raw[name] = rest[1 : 1+end]
		return nil
	}
	external[name] = true
	return nil
}

// expandEntity returns the replacement text of an internal entity as the
// parser inserts it: character references and references to other
// entities replaced, within the limits.
func expandEntity(name string, raw map[string]string, external map[string]bool, depth int) (string, error) {
	if depth > maxEntityDepth {
		return "", fmt.Errorf("entity %s: references nested more than %d deep (or recursive): %w", name, maxEntityDepth, errEntityLimit)
	}
	v := raw[name]
	var b strings.Builder
	for v != "" {
		amp := strings.IndexByte(v, '&')
		if amp < 0 {
			b.WriteString(v)
			break
		}
		b.WriteString(v[:amp])
		semi := strings.IndexByte(v[amp:], ';')
		if semi < 0 {
			return "", fmt.Errorf("entity %s: & without ;", name)
		}
		ref := v[amp+1 : amp+semi]
		v = v[amp+semi+1:]
		switch {
		case strings.HasPrefix(ref, "#"):
			r, ok := parseCharRef(ref[1:])
			if !ok {
				return "", fmt.Errorf("entity %s: bad character reference &%s;", name, ref)
			}
			b.WriteRune(r)
		case predefinedEntity[ref] != "":
			b.WriteString(predefinedEntity[ref])
		case external[ref]:
			return "", fmt.Errorf("entity %s refers to the external entity %s, which is never fetched", name, ref)
		default:
			if _, ok := raw[ref]; !ok {
				return "", fmt.Errorf("entity %s refers to the undeclared entity %s", name, ref)
			}
			sub, err := expandEntity(ref, raw, external, depth+1)
			if err != nil {
				return "", err
			}
			b.WriteString(sub)
		}
		if b.Len() > maxEntityValue {
			return "", fmt.Errorf("entity %s: replacement text over %d bytes: %w", name, maxEntityValue, errEntityLimit)
		}
	}
	return b.String(), nil
}

var predefinedEntity = map[string]string{"lt": "<", "gt": ">", "amp": "&", "apos": "'", "quot": `"`}

func parseCharRef(s string) (rune, bool) {
	base := 10
	if strings.HasPrefix(s, "x") {
		base, s = 16, s[1:]
	}
	if s == "" || len(s) > 8 {
		return 0, false
	}
	var r rune
	for _, c := range s {
		d := strings.IndexRune("0123456789abcdef", c|0x20)
		if d < 0 || d >= base {
			return 0, false
		}
		r = r*rune(base) + rune(d)
	}
	return r, utf8.ValidRune(r) && r != 0
}

// checkExpansion bounds the text that references to the declared entities
// add to the document (counted over the whole text, which overestimates).
func checkExpansion(data []byte, ents map[string]string) error {
	total := 0
	for name, v := range ents {
		total += bytes.Count(data, []byte("&"+name+";")) * len(v)
		if total > maxEntityExpansion {
			return fmt.Errorf("entity references add more than %d bytes: %w", maxEntityExpansion, errEntityLimit)
		}
	}
	return nil
}

// indexOutsideQuotes finds c outside single- or double-quoted literals.
func indexOutsideQuotes(s string, c byte) int {
	var q byte
	for i := 0; i < len(s); i++ {
		switch {
		case q != 0:
			if s[i] == q {
				q = 0
			}
		case s[i] == '"' || s[i] == '\'':
			q = s[i]
		case s[i] == c:
			return i
		}
	}
	return -1
}
