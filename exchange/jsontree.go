package exchange

import (
	"encoding/json"
	"errors"
	"sync"
	"unicode/utf8"
)

// parseJSONTree builds the value tree the JSON Schema validator walks — map[string]any,
// []any, string, json.Number, bool and nil — exactly as jsonschema.UnmarshalJSON does
// (encoding/json with UseNumber), in one pass without reflection or a tokenizer state
// machine per byte. It is the JSON schema step's largest cost after the validation itself.
//
// The input has passed strictjson by then (no duplicate keys, valid UTF-8, no trailing
// data, depth and size limits), but the parser relies on none of that: it refuses any
// malformed input itself and stops nesting at maxDepth, so it is safe on its own.
// Strings with escapes or with invalid UTF-8 go through encoding/json, so that they
// decode to the same runes.
func parseJSONTree(data []byte, maxDepth int) (any, error) {
	p := jsonTree{data: data, maxDepth: maxDepth}
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos != len(p.data) {
		return nil, p.fail("data after the top-level value")
	}
	return v, nil
}

type jsonTree struct {
	data     []byte
	pos      int
	maxDepth int
}

// errJSONTree is wrapped by every error of the parser.
var errJSONTree = errors.New("malformed JSON")

type jsonTreeError struct {
	offset int
	msg    string
}

func (e *jsonTreeError) Error() string { return e.msg }
func (e *jsonTreeError) Unwrap() error { return errJSONTree }

func (p *jsonTree) fail(msg string) error { return &jsonTreeError{offset: p.pos, msg: msg} }

func (p *jsonTree) space() { p.pos = skipJSONSpace(p.data, p.pos) }

// skipJSONSpace returns the position of the first byte at or after i that is not JSON
// white space.
func skipJSONSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

func (p *jsonTree) value(depth int) (any, error) {
	p.space()
	if p.pos >= len(p.data) {
		return nil, p.fail("unexpected end of JSON input")
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(depth + 1)
	case c == '[':
		return p.array(depth + 1)
	case c == '"':
		return p.str()
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	}
	for _, lit := range []struct {
		text  string
		value any
	}{{"true", true}, {"false", false}, {"null", nil}} {
		if len(p.data)-p.pos >= len(lit.text) && string(p.data[p.pos:p.pos+len(lit.text)]) == lit.text {
			p.pos += len(lit.text)
			return lit.value, nil
		}
	}
	return nil, p.fail("invalid character looking for the beginning of a value")
}

func (p *jsonTree) object(depth int) (any, error) {
	if depth > p.maxDepth {
		return nil, p.fail("nesting too deep")
	}
	p.pos++ // '{'
	m := map[string]any{}
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return m, nil
	}
	for {
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, p.fail("object key must be a string")
		}
		k, err := p.key()
		if err != nil {
			return nil, err
		}
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.fail("missing ':' after object key")
		}
		p.pos++
		v, err := p.value(depth)
		if err != nil {
			return nil, err
		}
		m[k] = v
		p.space()
		if p.pos >= len(p.data) {
			return nil, p.fail("unexpected end of JSON input in an object")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return m, nil
		default:
			return nil, p.fail("missing ',' or '}' in an object")
		}
	}
}

func (p *jsonTree) array(depth int) (any, error) {
	if depth > p.maxDepth {
		return nil, p.fail("nesting too deep")
	}
	p.pos++ // '['
	a := []any{}
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return a, nil
	}
	for {
		v, err := p.value(depth)
		if err != nil {
			return nil, err
		}
		a = append(a, v)
		p.space()
		if p.pos >= len(p.data) {
			return nil, p.fail("unexpected end of JSON input in an array")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			return a, nil
		default:
			return nil, p.fail("missing ',' or ']' in an array")
		}
	}
}

// str reads a string at p.pos (the opening quote).
func (p *jsonTree) str() (any, error) {
	start := p.pos
	i := p.pos + 1
	plain := true // no escapes, only ASCII
	for ; i < len(p.data); i++ {
		c := p.data[i]
		switch {
		case c == '"':
			raw := p.data[start+1 : i]
			p.pos = i + 1
			if plain || utf8.Valid(raw) && !hasBackslash(raw) {
				return string(raw), nil
			}
			var s string
			if err := json.Unmarshal(p.data[start:i+1], &s); err != nil {
				p.pos = start
				return nil, p.fail("invalid string: " + err.Error())
			}
			return s, nil
		case c == '\\':
			plain = false
			i++ // the escaped byte cannot end the string
		case c < 0x20:
			p.pos = i
			return nil, p.fail("control character in a string")
		case c >= utf8.RuneSelf:
			plain = false
		}
	}
	return nil, p.fail("unexpected end of JSON input in a string")
}

// key reads an object member name. The names of the model's members are shared
// strings, so the common case allocates nothing.
func (p *jsonTree) key() (string, error) {
	start := p.pos
	end := start + 1
	for end < len(p.data) && p.data[end] != '"' && p.data[end] != '\\' && p.data[end] >= 0x20 && p.data[end] < utf8.RuneSelf {
		end++
	}
	if end < len(p.data) && p.data[end] == '"' {
		if k, ok := memberNames()[string(p.data[start+1:end])]; ok {
			p.pos = end + 1
			return k, nil
		}
	}
	v, err := p.str()
	if err != nil {
		return "", err
	}
	return v.(string), nil
}

// memberNames holds every member name of the JSON encoding, for key.
var memberNames = sync.OnceValue(func() map[string]string {
	names := map[string]string{"Header": "Header", "Payload": "Payload", "Signature": "Signature"}
	for _, plan := range modelJSONPlans() {
		for name := range plan {
			names[name] = name
		}
	}
	return names
})

func hasBackslash(b []byte) bool {
	for _, c := range b {
		if c == '\\' {
			return true
		}
	}
	return false
}

// number reads a number by the JSON grammar: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
func (p *jsonTree) number() (any, error) {
	d, start := p.data, p.pos
	i := start
	digits := func() int {
		n := 0
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case digits() == 0:
		p.pos = i
		return nil, p.fail("invalid number")
	}
	if i < len(d) && d[i] == '.' {
		i++
		if digits() == 0 {
			p.pos = i
			return nil, p.fail("invalid number: no digit after the decimal point")
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if digits() == 0 {
			p.pos = i
			return nil, p.fail("invalid number: no digit in the exponent")
		}
	}
	p.pos = i
	return json.Number(d[start:i]), nil
}
