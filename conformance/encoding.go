package conformance

import (
	"mime"
	"strings"
)

// Encoding is one of the two message encodings.
type Encoding string

// The encodings, as case files and reports name them.
const (
	XML  Encoding = "xml"
	JSON Encoding = "json"
)

// MediaType is the HTTP Content-Type of the encoding.
func (e Encoding) MediaType() string {
	if e == JSON {
		return "application/json"
	}
	return "application/xml"
}

// encodingOf maps a Content-Type to an encoding; ok is false for anything else.
func encodingOf(contentType string) (Encoding, bool) {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return "", false
	}
	switch strings.ToLower(mt) {
	case "application/xml", "text/xml":
		return XML, true
	case "application/json":
		return JSON, true
	}
	return "", false
}
