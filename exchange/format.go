package exchange

import (
	"bytes"
	"fmt"
)

// Format is a message encoding.
type Format int

const (
	// FormatAuto asks the decoder to detect the encoding from the content.
	FormatAuto Format = iota
	FormatXML         // XML 1.0, UTF-8 when encoded; declared legacy charsets are decoded
	FormatJSON        // JSON (RFC 8259), UTF-8
)

// String returns "xml", "json" or "auto".
func (f Format) String() string {
	switch f {
	case FormatXML:
		return "xml"
	case FormatJSON:
		return "json"
	}
	return "auto"
}

// MediaType returns the HTTP media type of the encoding.
func (f Format) MediaType() string {
	if f == FormatJSON {
		return MediaTypeJSON
	}
	return MediaTypeXML
}

// ParseFormat reads "xml", "json" or "auto".
func ParseFormat(s string) (Format, error) {
	switch s {
	case "xml":
		return FormatXML, nil
	case "json":
		return FormatJSON, nil
	case "auto", "":
		return FormatAuto, nil
	}
	return FormatAuto, fmt.Errorf("unknown format %q: want xml, json or auto", s)
}

// Detect tells XML from JSON by the first significant byte: '<' is XML, '{' is JSON. A
// UTF-16 or UTF-32 byte order mark can only start XML here, since JSON must be UTF-8.
func Detect(data []byte) (Format, bool) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}), bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return FormatXML, true
	}
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	for _, c := range data {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		case '<':
			return FormatXML, true
		case '{':
			return FormatJSON, true
		}
		return FormatAuto, false
	}
	return FormatAuto, false
}
