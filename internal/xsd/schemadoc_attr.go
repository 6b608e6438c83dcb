package xsd

import (
	"bytes"
	"encoding/xml"
	"strings"
)

// normalizeAttrSpace turns the tabs and line ends of attribute values into
// spaces (XML 1.0 §3.3.3), which encoding/xml leaves as they are: a
// pattern written across two lines, or with a tab, means a space there.
// tag is the start tag's source, whose values attrs hold in order. A value
// whose source has a reference is left alone, since encoding/xml's value
// cannot tell a literal tab from "&#9;", which stays a tab; the fast
// reader defers such values to encoding/xml.
func normalizeAttrSpace(tag []byte, attrs []xml.Attr) {
	raw := rawAttrValues(tag)
	if len(raw) != len(attrs) {
		return
	}
	for i, r := range raw {
		if bytes.IndexByte(r, '&') < 0 && strings.ContainsAny(attrs[i].Value, "\t\n\r") {
			attrs[i].Value = strings.Map(func(c rune) rune {
				if c == '\t' || c == '\n' || c == '\r' {
					return ' '
				}
				return c
			}, attrs[i].Value)
		}
	}
}

// rawAttrValues returns the source of each attribute value in a start tag
// encoding/xml has accepted, in order.
func rawAttrValues(tag []byte) [][]byte {
	var out [][]byte
	for {
		eq := bytes.IndexByte(tag, '=')
		if eq < 0 {
			return out
		}
		tag = bytes.TrimLeft(tag[eq+1:], " \t\r\n")
		if len(tag) == 0 || (tag[0] != '"' && tag[0] != '\'') {
			return nil
		}
		end := bytes.IndexByte(tag[1:], tag[0])
		if end < 0 {
			return nil
		}
		out = append(out, tag[1:1+end])
		tag = tag[end+2:]
	}
}
