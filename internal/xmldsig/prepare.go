package xmldsig

import (
	"io"

	"github.com/jcx-dev/jcx/internal/safexml"
)

// prepare checks doc and canonicalizes it: the one pass over the bytes
// that Sign and Verify make in the common case.
//
// The canonicalization pass checks well-formedness itself, and for the
// documents jcx exchanges (UTF-8, ASCII names) it checks everything the
// encoding/xml scan does, so that scan is skipped. Where the pass fails, or
// meets something it leaves to encoding/xml (see canonical.vouched), scan
// runs as it always has: its verdict and its error message are the ones
// returned. What encoding/xml lets by (a duplicate attribute, an undeclared
// prefix) is in canonical.deferred, for the caller to report in its turn.
// FuzzPrepare holds the pass to that: what it vouches for, scan accepts,
// with the same layout.
func prepare(doc []byte, lim Limits, charset func(string, io.Reader) (io.Reader, error)) (*canonical, layout, error) {
	return prepareWith(doc, lim, charset, passConfig{})
}

// prepareWith is prepare with the canonical forms cfg names.
func prepareWith(doc []byte, lim Limits, charset func(string, io.Reader) (io.Reader, error), cfg passConfig) (*canonical, layout, error) {
	if len(doc) > lim.maxBytes() {
		return nil, layout{}, invalid("document of %d bytes exceeds the limit of %d", len(doc), lim.maxBytes())
	}
	// The declaration is outside the canonical form, so neither pass below looks at it
	// closely; the one declaration check of the XML front door does.
	if err := safexml.CheckStart(doc); err != nil {
		return nil, layout{}, wrap(CodeInvalid, "document is not well-formed XML", err)
	}
	c, err := canonicalizeWith(doc, lim, cfg)
	if err == nil && c.vouched && c.deferred == nil {
		return c, c.layout, nil
	}
	lay, serr := scan(doc, lim, charset)
	if serr != nil {
		return nil, lay, serr
	}
	if utf8Doc, changed, terr := toUTF8(doc, charset); terr != nil {
		return nil, lay, terr
	} else if changed {
		c, err = canonicalizeWith(utf8Doc, lim, cfg)
	}
	if err != nil {
		return nil, lay, err
	}
	return c, lay, nil
}
