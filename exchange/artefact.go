package exchange

import (
	"context"
	"crypto/sha3"
	"encoding/hex"
	"errors"
	"fmt"
	"io"

	"github.com/jcx-dev/jcx/internal/digest"
)

// CheckArtefact reads an attachment from r to the end and checks it against its manifest
// entry: the size (8022) and every digest given (8021). It reads in fixed-size chunks, so
// a gigabyte of evidence costs no more memory than a small file, and it stops early when
// the attachment is longer than promised or ctx is done.
//
// The error is nil when the attachment matches, an *InvalidError whose one finding has
// code 8021 or 8022 when it does not (8020 when the manifest entry has no usable sha-256
// digest), ctx.Err() when ctx ends first, or the error r returned. CheckArtefact keeps
// nothing: to store an attachment while checking it, read it through an io.TeeReader and
// keep what was written only if CheckArtefact returns nil.
func CheckArtefact(ctx context.Context, r io.Reader, a Artefact) error {
	want := digest.Expectation{Size: a.Size}
	var sha3Want []byte
	for _, d := range a.Digest {
		sum, err := hex.DecodeString(d.Value)
		if err != nil {
			return artefactError(CodeAttachmentMissing, "the %s digest %q is not hexadecimal", d.Algorithm, clip(d.Value))
		}
		switch d.Algorithm {
		case DigestSHA256:
			want.SHA256 = sum
		case "sha-512":
			want.SHA512 = sum
		case "sha3-256":
			sha3Want = sum
		default:
			return artefactError(CodeAttachmentMissing, "digest algorithm %q is not one of sha-256, sha-512, sha3-256", clip(d.Algorithm))
		}
	}
	// The manifest rules make sha-256 mandatory; checking only a weaker promise would let
	// an entry without it pass here.
	if want.SHA256 == nil {
		return artefactError(CodeAttachmentMissing, "the artefact has no %s digest to check against", DigestSHA256)
	}
	var h3 *sha3.SHA3
	if sha3Want != nil {
		h3 = sha3.New256()
		r = io.TeeReader(r, h3)
	}
	if err := digest.Check(ctx, r, want); err != nil {
		var de *digest.Error
		if errors.As(err, &de) {
			return artefactError(ErrorCode(de.Code()), "%s", de.Msg)
		}
		return err
	}
	if h3 != nil {
		if got := h3.Sum(nil); string(got) != string(sha3Want) {
			return artefactError(CodeDigestMismatch, "the sha3-256 digest of the attachment is %x; its manifest gives %x", got, sha3Want)
		}
	}
	return nil
}

func artefactError(code ErrorCode, format string, args ...any) error {
	return &InvalidError{Findings: []Finding{{Code: code, Message: fmt.Sprintf(format, args...)}}}
}
