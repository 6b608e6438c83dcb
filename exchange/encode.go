package exchange

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
)

// Marshal encodes m in the canonical form of the format: elements and members in schema
// order, two-space indentation, UTF-8, a final newline. The same model always yields the
// same bytes.
func Marshal(m *Message, f Format) ([]byte, error) {
	var buf bytes.Buffer
	if err := Encode(&buf, m, f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Encode writes the canonical encoding of m to w (see Marshal).
func Encode(w io.Writer, m *Message, f Format) error {
	switch f {
	case FormatXML:
		return encodeXML(w, m)
	case FormatJSON:
		return encodeJSON(w, m)
	}
	return fmt.Errorf("jcx: encode: %w", ErrNoFormat)
}

const xmlDeclaration = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

func encodeXML(w io.Writer, m *Message) error {
	if _, err := io.WriteString(w, xmlDeclaration); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(m); err != nil {
		return fmt.Errorf("jcx: encode xml: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func encodeJSON(w io.Writer, m *Message) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// Messages are not HTML; escaping <, > and & would only make them harder to read.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return fmt.Errorf("jcx: encode json: %w", err)
	}
	return nil
}
