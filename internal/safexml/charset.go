package safexml

import (
	"bytes"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
)

// source says how the document's bytes become UTF-8.
type source int

const (
	srcUTF8 source = iota
	srcUTF16LE
	srcUTF16BE
	srcLegacy // an ASCII-compatible charset decoded with x/text
)

// plan is what reading the start of a document decided.
type plan struct {
	src     source
	skip    int               // raw bytes to drop: the BOM, and the declaration when it is rewritten
	decl    []byte            // declaration to emit in place of the skipped one; nil for none
	enc     encoding.Encoding // for srcLegacy
	charset string            // name used in messages
}

// sniff decides the plan from head, the first bytes of the document (all
// of it when eof). It recognises the byte order marks of UTF-8 and UTF-16,
// refuses the signatures of UTF-32 and EBCDIC and UTF-16 without a BOM
// (XML 1.0 Appendix F), and otherwise reads the encoding declaration.
func sniff(head []byte, eof bool) (plan, error) {
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return sniffUTF8(head[3:], 3, eof)
	case bytes.HasPrefix(head, []byte{0x00, 0x00, 0xFE, 0xFF}),
		bytes.HasPrefix(head, []byte{0xFF, 0xFE, 0x00, 0x00}),
		bytes.HasPrefix(head, []byte{0x00, 0x00, 0x00, 0x3C}),
		bytes.HasPrefix(head, []byte{0x3C, 0x00, 0x00, 0x00}):
		return plan{}, errorf(ErrCharset, 1, 1, "UTF-32 documents are not accepted: re-encode the document as UTF-8")
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return sniffUTF16(head, srcUTF16LE, eof)
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return sniffUTF16(head, srcUTF16BE, eof)
	case bytes.HasPrefix(head, []byte{0x00, 0x3C}), bytes.HasPrefix(head, []byte{0x3C, 0x00}):
		return plan{}, errorf(ErrCharset, 1, 1, "the document looks like UTF-16 without a byte order mark: UTF-16 documents must start with one (XML 1.0 §4.3.3), or re-encode as UTF-8")
	case bytes.HasPrefix(head, []byte{0x4C, 0x6F, 0xA7, 0x94}):
		return plan{}, errorf(ErrCharset, 1, 1, "EBCDIC documents are not accepted: re-encode the document as UTF-8")
	}
	d, found, err := parseDecl(head, eof)
	if err != nil {
		return plan{}, err
	}
	if !found || d.encEnd == 0 || isUTF8Label(d.encoding) {
		return plan{src: srcUTF8, charset: "UTF-8"}, nil
	}
	enc, name, err := lookupCharset(head, d)
	if err != nil {
		return plan{}, err
	}
	p := plan{skip: d.end, decl: rewriteDecl(head, d, found), charset: name}
	if enc == nil {
		p.src = srcUTF8 // another label for UTF-8, such as "utf8": only the declaration changes
	} else {
		p.src, p.enc = srcLegacy, enc
	}
	return p, nil
}

// sniffUTF8 handles a document after a UTF-8 byte order mark.
func sniffUTF8(head []byte, bom int, eof bool) (plan, error) {
	d, found, err := parseDecl(head, eof)
	if err != nil {
		return plan{}, err
	}
	p := plan{src: srcUTF8, skip: bom, charset: "UTF-8"}
	if !found || d.encEnd == 0 || isUTF8Label(d.encoding) {
		return p, nil
	}
	if enc, _, err := lookupCharset(head, d); err == nil && enc == nil {
		p.skip, p.decl = bom+d.end, rewriteDecl(head, d, found)
		return p, nil
	}
	return plan{}, charsetConflict(head, d, "UTF-8")
}

// sniffUTF16 handles a document that starts with a UTF-16 byte order mark.
// The declaration, if any, is read from the decoded start of the document;
// it is ASCII, so each of its bytes was one UTF-16 code unit.
func sniffUTF16(head []byte, src source, eof bool) (plan, error) {
	name := "UTF-16LE"
	if src == srcUTF16BE {
		name = "UTF-16BE"
	}
	dec := &utf16Decoder{bigEndian: src == srcUTF16BE}
	text := make([]byte, 2*len(head))
	n, _, err := dec.Transform(text, head[2:], eof)
	if e, ok := err.(*Error); ok {
		return plan{}, e
	}
	text = text[:n]
	p := plan{src: src, skip: 2, charset: name}
	d, found, err := parseDecl(text, eof)
	if err != nil {
		return plan{}, err
	}
	if !found {
		return p, nil
	}
	if d.encEnd != 0 {
		label := strings.ToUpper(d.encoding)
		if label != "UTF-16" && label != name {
			return plan{}, charsetConflict(text, d, name)
		}
	}
	p.skip, p.decl = 2+2*d.end, rewriteDecl(text, d, found)
	return p, nil
}

// lookupCharset resolves a declared label with the IANA registry first (so
// ISO-8859-1 means ISO-8859-1, not windows-1252 as on the web), then the
// WHATWG labels. It returns a nil Encoding for labels that mean UTF-8.
func lookupCharset(head []byte, d xmlDecl) (encoding.Encoding, string, error) {
	label := d.encoding
	enc, err := ianaindex.IANA.Encoding(label)
	if err != nil || enc == nil {
		if e, herr := htmlindex.Get(label); herr == nil {
			enc, err = e, nil
		}
	}
	if err != nil || enc == nil {
		return nil, "", declCharsetError(head, d, "the charset %q is not known or not supported: re-encode the document as UTF-8 and declare encoding=\"UTF-8\"", label)
	}
	name, nerr := ianaindex.IANA.Name(enc)
	if nerr != nil {
		if name, nerr = htmlindex.Name(enc); nerr != nil {
			name = label
		}
	}
	if strings.EqualFold(name, "UTF-8") {
		return nil, "UTF-8", nil
	}
	if strings.HasPrefix(strings.ToUpper(name), "UTF-16") {
		return nil, "", declCharsetError(head, d, "the document declares %s but has no byte order mark: UTF-16 documents must start with one, or re-encode as UTF-8", label)
	}
	if !asciiCompatible(enc) {
		return nil, "", declCharsetError(head, d, "the charset %q does not encode ASCII as ASCII, so it cannot be declared this way: re-encode the document as UTF-8", label)
	}
	return enc, name, nil
}

// asciiSample is every ASCII character that may appear in XML markup.
var asciiSample = func() []byte {
	b := []byte("\t\n\r")
	for c := byte(0x20); c < 0x7F; c++ {
		b = append(b, c)
	}
	return b
}()

// asciiCompatible reports whether enc decodes ASCII markup to itself; the
// declaration was read as ASCII, and markup must keep meaning markup.
func asciiCompatible(enc encoding.Encoding) bool {
	out, err := enc.NewDecoder().Bytes(asciiSample)
	return err == nil && bytes.Equal(out, asciiSample)
}

func charsetConflict(head []byte, d xmlDecl, actual string) *Error {
	return declCharsetError(head, d, "the document is encoded as %s (by its byte order mark) but declares encoding=%q: remove the declaration's encoding or make it match", actual, d.encoding)
}

func declCharsetError(head []byte, d xmlDecl, format string, args ...any) *Error {
	e := declError(head, d.encStart, format, args...)
	e.code, e.kind = codeOf(ErrCharset), ErrCharset
	return e
}
