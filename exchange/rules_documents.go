package exchange

// document checks a document's description: its type and language, and its body — exactly
// one of inline Contents and URI, a file name without a directory, a media type the
// profile accepts, and digests. Whether inline contents match their size and digests is
// checked with the attachments, the last step.
func (c *checker) document(o located) {
	d := o.obj.Document
	c.code(o.path.Child("DocumentType"), d.DocumentType, DictDocumentType)
	if d.Language != "" {
		c.language(o.path.Child("Language"), d.Language)
	}
	bp := o.path.Child("Body")
	b := &d.Body
	switch {
	case b.Contents == "" && b.URI == "":
		c.add(CodeMissing, bp, "a document body carries inline Contents or a URI")
	case b.Contents != "" && b.URI != "":
		c.add(CodeImproperValue, bp.Child("URI"), "a document body carries inline Contents or a URI, not both")
	case b.URI != "":
		c.contentURI(bp.Child("URI"), b.URI)
	}
	if b.FileName != "" && !isFileName(b.FileName) {
		c.add(CodeImproperValue, bp.Child("FileName"), "file name %q must not hold a directory part, control characters or only dots", clip(b.FileName))
	}
	c.mediaType(bp.Child("MediaType"), b.MediaType)
	if b.Size < 0 {
		c.add(CodeImproperValue, bp.Child("Size"), "size %d is negative", b.Size)
	}
	c.digests(bp, b.Digest)
}

func (c *checker) contentURI(p Path, uri string) {
	if err := checkContentURI(uri); err != nil {
		c.add(CodeImproperValue, p, "%v", err)
	}
}

// mediaType reports a media type that is not RFC 6838 shaped (3007) or that the profile
// does not accept (8023).
func (c *checker) mediaType(p Path, mt string) {
	essence, ok := parseMediaType(mt)
	switch {
	case !ok:
		c.add(CodeImproperValue, p, "%q is not a media type (type/subtype, RFC 6838)", clip(mt))
	case !mediaTypeAccepted(essence):
		c.add(CodeMediaType, p, "media type %s is not accepted by this profile", essence)
	}
}

// digests checks a list of digests: a sha-256 is mandatory (3005), each algorithm is one
// this profile knows and appears once, and each value is lowercase hexadecimal of the
// algorithm's length (3007).
func (c *checker) digests(p Path, ds []Digest) {
	seen := map[string]bool{}
	for i, d := range ds {
		dp := p.Item("Digest", i)
		n, known := digestHexLength[d.Algorithm]
		switch {
		case !known:
			c.add(CodeImproperValue, dp.Child("Algorithm"), "digest algorithm %q is not one of sha-256, sha-512, sha3-256", clip(d.Algorithm))
			continue
		case seen[d.Algorithm]:
			c.add(CodeImproperValue, dp.Child("Algorithm"), "digest algorithm %s is given twice", d.Algorithm)
		}
		seen[d.Algorithm] = true
		if !isLowerHex(d.Value, n) {
			c.add(CodeImproperValue, dp.Child("Value"), "%s value must be %d lowercase hexadecimal digits", d.Algorithm, n)
		}
	}
	if !seen[DigestSHA256] {
		c.add(CodeMissing, p.Child("Digest"), "a %s digest is mandatory", DigestSHA256)
	}
}
