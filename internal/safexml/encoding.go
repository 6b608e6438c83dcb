package safexml

import (
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// Encoding returns the encoding of a document's bytes as Prepare reads it: nil for
// UTF-8 (with or without a byte order mark, under any UTF-8 label), UTF-16 in the byte
// order its byte order mark gives, or the legacy charset its declaration names. It reads
// only the start of data and refuses what Prepare refuses there.
//
// The returned encoding writes no byte order mark, so that text encoded with it can be
// spliced into the document.
func Encoding(data []byte) (encoding.Encoding, error) {
	head := data[:min(len(data), maxDeclBytes)]
	p, err := sniff(head, len(head) == len(data))
	if err != nil {
		return nil, err
	}
	switch p.src {
	case srcUTF16LE:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), nil
	case srcUTF16BE:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), nil
	case srcLegacy:
		return p.enc, nil
	}
	return nil, nil
}
