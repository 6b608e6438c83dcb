package exchange

import (
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"hash"
	"strings"
)

// attachments checks what the message says about content: the manifest of each Delivery
// (artefact names, media types, sizes and digests), its chain of custody (8024), and the
// inline contents of each Document against their declared size (8022) and digests (8021).
// Content carried outside the message (cid:, https, container paths) is checked where it
// is read, by streaming, not here.
func (c *checker) attachments() {
	for _, o := range c.requestObjects() {
		switch o.kind {
		case KindDelivery:
			c.delivery(o)
		case KindDocument:
			c.inlineContents(o.path.Child("Body"), &o.obj.Document.Body)
		}
	}
}

func (c *checker) delivery(o located) {
	d := o.obj.Delivery
	p := o.path
	if !d.DeliveryIdentifier.Valid() {
		c.add(CodeImproperValue, p.Child("DeliveryIdentifier"), "delivery identifier %q is not a lowercase UUID", clip(string(d.DeliveryIdentifier)))
	}
	if d.SequenceNumber < 1 {
		c.add(CodeImproperValue, p.Child("SequenceNumber"), "sequence number %d: parts of a delivery are numbered from 1", d.SequenceNumber)
	}
	if len(d.Artefact) == 0 {
		c.add(CodeMissing, p.Child("Artefact"), "a delivery lists at least one artefact")
	}
	names := map[string]bool{}
	for i, a := range d.Artefact {
		ap := p.Item("Artefact", i)
		switch {
		case !isFileName(a.Name):
			c.add(CodeImproperValue, ap.Child("Name"), "artefact name %q must not hold a directory part, control characters or only dots", clip(a.Name))
		case names[a.Name]:
			c.add(CodeImproperValue, ap.Child("Name"), "artefact name %q is used twice in this delivery", clip(a.Name))
		}
		names[a.Name] = true
		c.mediaType(ap.Child("MediaType"), a.MediaType)
		if a.Size < 0 {
			c.add(CodeImproperValue, ap.Child("Size"), "size %d is negative", a.Size)
		}
		c.digests(ap, a.Digest)
		if a.URI != "" {
			c.contentURI(ap.Child("URI"), a.URI)
		}
	}
	c.custody(p, d.Custody)
}

var custodyActions = []CustodyAction{
	CustodySeized, CustodyAcquired, CustodyImaged, CustodyHashed, CustodyTransferred,
	CustodyReceived, CustodyVerified, CustodySealed, CustodyOpened,
}

// custody checks each entry's members (3007) and the hash chain (8024, one finding per
// broken link, at the member at fault).
func (c *checker) custody(p Path, entries []CustodyEntry) {
	for i, e := range entries {
		ep := p.Item("Custody", i)
		known := false
		for _, a := range custodyActions {
			known = known || e.Action == a
		}
		if !known {
			c.add(CodeImproperValue, ep.Child("Action"), "custody action %q is not one of this format's", clip(string(e.Action)))
		}
		if !isShortString(e.Actor) {
			c.add(CodeImproperValue, ep.Child("Actor"), "actor must be 1–255 characters without control characters")
		}
		if d := e.ArtefactDigest; d != nil {
			if n, ok := digestHexLength[d.Algorithm]; !ok {
				c.add(CodeImproperValue, ep.Child("ArtefactDigest").Child("Algorithm"), "digest algorithm %q is not one of sha-256, sha-512, sha3-256", clip(d.Algorithm))
			} else if !isLowerHex(d.Value, n) {
				c.add(CodeImproperValue, ep.Child("ArtefactDigest").Child("Value"), "%s value must be %d lowercase hexadecimal digits", d.Algorithm, n)
			}
		}
	}
	for _, e := range custodyProblems(entries) {
		c.add(CodeCustodyBroken, p.Item("Custody", e.Index).Child(e.Field), "%s", e.Reason)
	}
}

// inlineContents checks inline document contents: strict base64 (3007), the declared size
// (8022) and every well-formed digest of a known algorithm (8021).
func (c *checker) inlineContents(p Path, b *Body) {
	if b.Contents == "" || b.URI != "" {
		return
	}
	// One content, one encoding: zero padding bits (Strict) and no line breaks, which the
	// decoder would otherwise skip silently.
	data, err := base64.StdEncoding.Strict().DecodeString(b.Contents)
	if err == nil && strings.ContainsAny(b.Contents, "\r\n") {
		err = errors.New("line breaks are not allowed")
	}
	if err != nil {
		c.add(CodeImproperValue, p.Child("Contents"), "contents are not standard base64: %v", err)
		return
	}
	if int64(len(data)) != b.Size {
		c.add(CodeSizeMismatch, p.Child("Size"), "size says %d bytes, the contents have %d", b.Size, len(data))
	}
	for i, d := range b.Digest {
		n, ok := digestHexLength[d.Algorithm]
		if !ok || !isLowerHex(d.Value, n) {
			continue // reported by the document rules
		}
		h := newDigest(d.Algorithm)
		h.Write(data)
		if got := hex.EncodeToString(h.Sum(nil)); got != d.Value {
			c.add(CodeDigestMismatch, p.Item("Digest", i).Child("Value"), "%s of the contents is %s, not the value given", d.Algorithm, got)
		}
	}
}

func newDigest(alg string) hash.Hash {
	switch alg {
	case "sha-512":
		return sha512.New()
	case "sha3-256":
		return sha3.New256()
	}
	return sha256.New()
}
