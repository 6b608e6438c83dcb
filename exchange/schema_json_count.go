package exchange

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// countMembers is the first part of the JSON Schema step: before anything is built from
// the message, one pass over its bytes, guided by the schema's plans, counts the items of
// every array and the members of every object that has a maxItems or maxProperties, and
// the characters of strings far over their maxLength, and refuses those over the bound
// with the validator's own finding (3020 at the value's JSON Pointer). Without it a 16 MiB message of "Action":[{},{},…] would be parsed into five
// million objects, hundreds of megabytes, only to be refused for having more than 100
// actions. A message refused here gets these findings alone: its items are never read.
//
// data has passed strictjson, so the scanner does not check the grammar again; it only
// finds where values end.
func countMembers(data []byte, root *jsonschema.Schema, plans schemaPlans) []Finding {
	c := memberCounter{data: data, plans: plans}
	c.value(root)
	return c.out
}

type memberCounter struct {
	data  []byte
	pos   int
	plans schemaPlans
	path  []string
	out   []Finding
}

// value reads the value at c.pos, following s (nil: no schema to follow, only skip it).
func (c *memberCounter) value(s *jsonschema.Schema) {
	var p *schemaPlan
	if s != nil {
		s = resolveRef(s)
		p = c.plans[s]
		if p != nil && p.shallow == nil {
			p = nil // validated whole: nothing to follow
		}
	}
	c.space()
	switch c.data[c.pos] {
	case '{':
		c.object(s, p)
	case '[':
		c.array(p)
	case '"':
		start := c.pos
		escaped := c.skipString()
		if s != nil && s.MaxLength != nil {
			c.stringLength(c.data[start:c.pos], escaped, *s.MaxLength)
		}
	default: // number or literal
		for c.pos < len(c.data) && !isJSONDelimiter(c.data[c.pos]) {
			c.pos++
		}
	}
}

func (c *memberCounter) object(s *jsonschema.Schema, p *schemaPlan) {
	at := len(c.out)
	c.pos++ // '{'
	n := 0
	for {
		c.space()
		if c.data[c.pos] == '}' {
			c.pos++
			break
		}
		if c.data[c.pos] == ',' {
			c.pos++
			c.space()
		}
		name := c.key()
		c.space()
		c.pos++ // ':'
		n++
		var sub *jsonschema.Schema
		if p != nil {
			sub = p.members[name]
			if sub == nil {
				if declared, ok := s.Properties[name]; ok {
					sub = declared // not deep: followed only for its maxLength
				} else {
					sub = p.additional
				}
			}
		}
		c.path = append(c.path, name)
		c.value(sub)
		c.path = c.path[:len(c.path)-1]
	}
	if p != nil && p.maxProperties >= 0 && n > p.maxProperties {
		c.out = append(c.out[:at], c.finding(&kind.MaxProperties{Got: n, Want: p.maxProperties}))
	}
}

func (c *memberCounter) array(p *schemaPlan) {
	at := len(c.out)
	c.pos++ // '['
	n := 0
	var items *jsonschema.Schema
	if p != nil {
		items = p.items
	}
	for {
		c.space()
		if c.data[c.pos] == ']' {
			c.pos++
			break
		}
		if c.data[c.pos] == ',' {
			c.pos++
		}
		if items != nil {
			c.path = append(c.path, strconv.Itoa(n))
			c.value(items)
			c.path = c.path[:len(c.path)-1]
		} else {
			c.value(nil)
		}
		n++
	}
	if p != nil && p.maxItems >= 0 && n > p.maxItems {
		// The findings inside the refused array are dropped: its items are not validated.
		c.out = append(c.out[:at], c.finding(&kind.MaxItems{Got: n, Want: p.maxItems}))
	}
}

// stringLength refuses a string far over its maxLength without validating it: the
// validator would copy the whole of it into each finding's message (the pattern's, the
// format's), which for a string of 16 MiB is a hundred megabytes. A string of at most
// four bytes per character (six per escape) is judged by the validator as usual.
func (c *memberCounter) stringLength(quoted []byte, escaped bool, maxLength int) {
	if len(quoted)-2 <= 6*maxLength {
		return
	}
	var n int
	if escaped {
		var v string
		_ = json.Unmarshal(quoted, &v) // strictjson has accepted it
		n = utf8.RuneCountInString(v)
	} else {
		n = utf8.RuneCount(quoted[1 : len(quoted)-1])
	}
	if n > maxLength {
		c.out = append(c.out, c.finding(&kind.MaxLength{Got: n, Want: maxLength}))
	}
}

func (c *memberCounter) finding(k jsonschema.ErrorKind) Finding {
	return Finding{Code: CodeSchema, Path: pointer(c.path), Message: k.LocalizedString(printer())}
}

// key reads a member name, unescaping it only when it has escapes.
func (c *memberCounter) key() string {
	start := c.pos
	escaped := c.skipString()
	raw := c.data[start+1 : c.pos-1]
	if !escaped {
		if name, ok := memberNames()[string(raw)]; ok {
			return name // shared: the model's names cost no allocation
		}
		return string(raw)
	}
	var name string
	_ = json.Unmarshal(c.data[start:c.pos], &name) // strictjson has accepted it
	return name
}

// skipString moves past the string at c.pos and reports whether it has escapes.
func (c *memberCounter) skipString() (escaped bool) {
	i := c.pos + 1
	for c.data[i] != '"' {
		if c.data[i] == '\\' {
			escaped = true
			i++
		}
		i++
	}
	c.pos = i + 1
	return escaped
}

func (c *memberCounter) space() { c.pos = skipJSONSpace(c.data, c.pos) }

func isJSONDelimiter(b byte) bool {
	switch b {
	case ',', ']', '}', ' ', '\t', '\n', '\r':
		return true
	}
	return false
}
