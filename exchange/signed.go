package exchange

import (
	"bytes"
	"encoding/json"
)

// Signed reports whether a message carries a signature, without checking it: an element
// of the XML-DSig namespace (the schema admits one, ds:Signature, as the root's last
// child) or a top-level Signature member. FormatAuto detects the format. It is meant for
// messages that have passed the schema, and serves Report.Signature, so that a report on
// a signed message says when nobody checked the signature; a byte search rules out most
// unsigned messages before anything is parsed.
func Signed(data []byte, f Format) bool {
	if f == FormatAuto {
		f, _ = Detect(data)
	}
	switch f {
	case FormatXML:
		if !bytes.Contains(data, []byte(SignatureNamespace)) && !utf16Start(data) {
			return false
		}
		doc, fs := prepareXML(data, Limits{}.withDefaults())
		if fs != nil {
			return false
		}
		signed := false
		scanXML(doc, func(_ int, space string, _ []byte, _ int) scanStep {
			if space == SignatureNamespace {
				signed = true
				return scanStop
			}
			return scanChildren
		})
		return signed
	case FormatJSON:
		// The member name may be written with escapes, which the byte search cannot see.
		if !bytes.Contains(data, []byte(`"Signature"`)) && !bytes.Contains(data, []byte(`\u`)) {
			return false
		}
		var top map[string]json.RawMessage
		if json.Unmarshal(data, &top) != nil {
			return false
		}
		_, ok := top["Signature"]
		return ok
	}
	return false
}

// utf16Start reports whether an XML document starts as UTF-16 does, with a byte order
// mark or a '<' of two bytes, where a byte search for ASCII text finds nothing.
func utf16Start(data []byte) bool {
	return bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) ||
		bytes.HasPrefix(data, []byte{0, '<'}) || bytes.HasPrefix(data, []byte{'<', 0})
}
