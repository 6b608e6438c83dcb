package xmldsig

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
)

// Limits bound the work done on one document. The zero value means the
// defaults.
type Limits struct {
	MaxBytes int // document size; default 16 MiB
	MaxDepth int // element nesting; default 128
}

const (
	defaultMaxBytes = 16 << 20
	defaultMaxDepth = 128
)

func (l Limits) maxBytes() int {
	if l.MaxBytes > 0 {
		return l.MaxBytes
	}
	return defaultMaxBytes
}

func (l Limits) maxDepth() int {
	if l.MaxDepth > 0 {
		return l.MaxDepth
	}
	return defaultMaxDepth
}

var utf8BOM = []byte("\uFEFF")

// layout is what the pre-scan learns about a document's bytes.
type layout struct {
	rootStart int // offset of the root start tag's '<'
	rootEnd   int // offset of the root end tag's '<', or of "/>" when self-closing
	selfClose bool
}

// scan checks the document with encoding/xml: well formed, one root
// element, no DOCTYPE or other markup declaration (so no entities, no
// external fetch), nesting and size within limits. prepare runs it where
// the canonicalization pass cannot vouch for a document on its own, so
// that encoding/xml's verdict and messages stay the reference. Offsets are
// exact only without a CharsetReader (UTF-8 input), which is all Sign
// accepts.
func scan(doc []byte, lim Limits, charset func(string, io.Reader) (io.Reader, error)) (layout, error) {
	var lay layout
	if len(doc) > lim.maxBytes() {
		return lay, invalid("document of %d bytes exceeds the limit of %d", len(doc), lim.maxBytes())
	}
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = true
	d.CharsetReader = charset
	depth, roots := 0, 0
	for {
		before := int(d.InputOffset())
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return lay, wrap(CodeInvalid, "document is not well-formed XML", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				if roots++; roots > 1 {
					return lay, invalid("more than one root element")
				}
				lay.rootStart = before
			}
			if depth++; depth > lim.maxDepth() {
				return lay, invalid("element nesting exceeds the limit of %d", lim.maxDepth())
			}
		case xml.EndElement:
			if depth--; depth == 0 {
				lay.rootEnd = before
				lay.selfClose = before == int(d.InputOffset())
			}
		case xml.CharData:
			if before == 0 {
				t = bytes.TrimPrefix(t, utf8BOM) // a byte order mark is allowed
			}
			if depth == 0 && len(bytes.TrimSpace(t)) > 0 {
				return lay, invalid("text outside the root element")
			}
		case xml.Directive:
			// DOCTYPE and any other <!...> declaration: refused outright.
			return lay, invalid("DOCTYPE or markup declaration not allowed")
		}
	}
	if roots == 0 {
		return lay, invalid("no root element")
	}
	if lay.selfClose {
		// The decoder reports the synthetic end element at the offset after
		// "/>"; point at the "/>" itself.
		lay.rootEnd -= len("/>")
	}
	return lay, nil
}
