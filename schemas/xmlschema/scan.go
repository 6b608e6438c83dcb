package xmlschema

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
)

const nsXSD = "http://www.w3.org/2001/XMLSchema"

// header is what planning a schema set needs from one schema document: its
// target namespace and the documents it names by schemaLocation.
type header struct {
	tns  string
	refs []string // schemaLocation values of xs:include, xs:import, xs:redefine
}

// maxHeaderTokens bounds the tokens read for a header: the references come
// first in a schema document, so a header never needs the whole file.
const maxHeaderTokens = 1 << 16

// scanHeader reads the root element and its leading xs:include, xs:import
// and xs:redefine children. It judges nothing else: compiling the set does
// that, with the file and line of whatever is wrong.
func scanHeader(data []byte) (header, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	// Not strict: a schema document may declare entities in a DOCTYPE,
	// which the header does not need to expand.
	d.Strict = false
	d.CharsetReader = charsetReader
	var h header
	depth, sawRoot := 0, false
	for range maxHeaderTokens {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := d.InputPos()
			if se, ok := errors.AsType[*xml.SyntaxError](err); ok {
				line, err = se.Line, errors.New(se.Msg)
			}
			return h, &headerError{line: line, msg: err.Error()}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case depth == 1:
				sawRoot = true
				if t.Name != (xml.Name{Space: nsXSD, Local: "schema"}) {
					line, _ := d.InputPos()
					return h, &headerError{line: line, msg: "root element is " + t.Name.Local + ", not xs:schema"}
				}
				h.tns = strings.TrimSpace(attr(t, "targetNamespace"))
			case depth == 2 && t.Name.Space == nsXSD:
				switch t.Name.Local {
				case "include", "import", "redefine":
					if loc := strings.TrimSpace(attr(t, "schemaLocation")); loc != "" {
						h.refs = append(h.refs, loc)
					}
				case "annotation":
				default:
					return h, nil // references must precede every component
				}
			}
		case xml.EndElement:
			depth--
			if depth == 0 {
				return h, nil
			}
		}
	}
	if !sawRoot {
		return h, &headerError{msg: "no root element"}
	}
	return h, nil
}

// headerError says where a document is not a schema document.
type headerError struct {
	line int
	msg  string
}

func (e *headerError) Error() string { return e.msg }

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Space == "" && a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// charsetReader decodes the charsets x/text knows, IANA names first, as
// the engine does for schema documents.
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	enc, err := ianaindex.IANA.Encoding(label)
	if err != nil || enc == nil {
		enc, err = htmlindex.Get(label)
	}
	if err != nil || enc == nil {
		return nil, fmt.Errorf("unknown charset %q", label)
	}
	return enc.NewDecoder().Reader(r), nil
}
