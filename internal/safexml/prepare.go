package safexml

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"io"

	"golang.org/x/text/transform"
)

// Prepare reads a document from r, at most lim.MaxBytes+1 bytes of it,
// checks it, and returns it as UTF-8 that encoding/xml accepts: byte order
// mark removed, legacy charsets decoded, the declaration saying UTF-8.
//
// Reading, decoding and checking are one streaming pass, so a hostile
// document is refused as soon as it shows itself (a deep nest after
// MaxDepth elements) rather than after it has been read. Prepare does not
// keep the bytes as received; callers that need them (for a receipt
// digest) should use ReadLimited and PrepareBytes.
func Prepare(r io.Reader, lim Limits) ([]byte, error) {
	lim = lim.normalized()
	var out collector
	src := &sizeLimit{r: r, max: lim.MaxBytes}
	br := bufio.NewReaderSize(src, maxDeclBytes)
	head, err := br.Peek(maxDeclBytes)
	eof := errors.Is(err, io.EOF)
	if err != nil && !eof && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	p, err := sniff(head, eof)
	if err != nil {
		return nil, err
	}
	if _, err := br.Discard(p.skip); err != nil {
		return nil, err
	}
	if err := check(io.TeeReader(body(br, p), &out), lim, p); err != nil {
		return nil, err
	}
	return out.bytes(), nil
}

// PrepareBytes is Prepare for a document already in memory. data is never
// modified. When data is UTF-8 with a UTF-8 declaration (or none), the
// result is data itself, minus any byte order mark: no copy is made.
func PrepareBytes(data []byte, lim Limits) ([]byte, error) {
	return prepareBytes(data, lim, false)
}

// prepareBytes is PrepareBytes; decoder selects the streaming path with
// encoding/xml for UTF-8 documents too, which tests compare with checkText.
func prepareBytes(data []byte, lim Limits, decoder bool) ([]byte, error) {
	lim = lim.normalized()
	if int64(len(data)) > lim.MaxBytes {
		return nil, tooLarge(lim.MaxBytes)
	}
	head := data[:min(len(data), maxDeclBytes)]
	p, err := sniff(head, len(head) == len(data))
	if err != nil {
		return nil, err
	}
	if p.src == srcUTF8 && p.decl == nil {
		err := errFallback
		if !decoder {
			err = checkText(data[p.skip:], lim)
		}
		if err == errFallback {
			err = check(bytes.NewReader(data[p.skip:]), lim, p)
		}
		if err != nil {
			return nil, err
		}
		return data[p.skip:], nil
	}
	out := bytes.NewBuffer(make([]byte, 0, len(data)+len(data)/2))
	if err := check(io.TeeReader(body(bytes.NewReader(data[p.skip:]), p), out), lim, p); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// CheckStart checks the start of a document as Prepare does, and reads no further: the
// byte order mark, the signatures of refused encodings and the XML declaration, whose
// grammar (version first, then encoding and standalone, nothing else, ASCII only) is
// checked here and nowhere else. It serves callers that parse the rest with another
// parser, such as the XML signature check, so that they refuse exactly the declarations
// Prepare refuses.
func CheckStart(data []byte) error {
	head := data[:min(len(data), maxDeclBytes)]
	_, err := sniff(head, len(head) == len(data))
	return err
}

// body returns the document text after the skipped prefix, decoded to
// UTF-8, preceded by the rewritten declaration.
func body(r io.Reader, p plan) io.Reader {
	switch p.src {
	case srcUTF16LE, srcUTF16BE:
		r = transform.NewReader(r, &utf16Decoder{bigEndian: p.src == srcUTF16BE})
	case srcLegacy:
		r = transform.NewReader(r, p.enc.NewDecoder())
	}
	if p.decl != nil {
		r = io.MultiReader(bytes.NewReader(p.decl), r)
	}
	return r
}

// check runs the guard and encoding/xml over the decoded text.
func check(text io.Reader, lim Limits, p plan) error {
	legacy := ""
	if p.src == srcLegacy {
		legacy = p.charset
	}
	g := newGuard(text, lim, legacy)
	d := xml.NewDecoder(g)
	d.Strict = true
	return checkTokens(d, g)
}

// sizeLimit fails the read that takes the total past max.
type sizeLimit struct {
	r    io.Reader
	max  int64
	seen int64
}

func (s *sizeLimit) Read(p []byte) (int, error) {
	if s.seen > s.max {
		return 0, tooLarge(s.max)
	}
	if room := s.max + 1 - s.seen; int64(len(p)) > room {
		p = p[:room]
	}
	n, err := s.r.Read(p)
	s.seen += int64(n)
	if s.seen > s.max {
		return 0, tooLarge(s.max)
	}
	return n, err
}

func tooLarge(max int64) *Error {
	return errorf(ErrTooLarge, 0, 0, "the document is larger than the limit of %d bytes", max)
}
