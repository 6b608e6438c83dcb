// Package digest checks an attachment against the size and digests its
// manifest promises, reading it once in constant memory.
//
//	err := digest.Check(ctx, file, digest.Expectation{Size: m.Size, SHA256: m.SHA256})
//	switch {
//	case errors.Is(err, digest.ErrSizeMismatch):   // 8022
//	case errors.Is(err, digest.ErrDigestMismatch): // 8021
//	}
//
// Evidence deliveries can be gigabytes. Check streams the attachment
// through the hashes in 1 MiB chunks from a pool, so memory does not grow
// with the attachment; it stops as soon as the attachment is longer than
// promised, and between chunks it gives up when ctx is done. The
// attachment is never buffered: whoever stores it should write it out
// while Check reads it (io.TeeReader), and keep it only if Check returns
// nil.
package digest

import (
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"sync"
)

// Codes carried by [Error], from the jcx profile range.
const (
	CodeAttachment = 8020 // the expectation itself is unusable
	CodeDigest     = 8021 // a digest does not match
	CodeSize       = 8022 // the size does not match
)

// Sentinels for errors.Is; every *Error wraps one of them.
var (
	ErrDigestMismatch = errors.New("digest: digest mismatch")
	ErrSizeMismatch   = errors.New("digest: size mismatch")
	ErrExpectation    = errors.New("digest: unusable expectation")
)

// Expectation is what a manifest promises about an attachment.
type Expectation struct {
	// Size in bytes. A negative Size is not checked; zero means empty.
	Size int64
	// SHA256 and SHA512 are raw digests (32 and 64 bytes). At least one
	// must be given; each one given is checked.
	SHA256 []byte
	SHA512 []byte
}

// Error says how an attachment differs from its expectation.
type Error struct {
	Msg  string
	code int
	kind error
}

func (e *Error) Error() string { return e.Msg }

// Code returns CodeDigest, CodeSize or CodeAttachment.
func (e *Error) Code() int { return e.code }

// Unwrap returns the sentinel that classifies e.
func (e *Error) Unwrap() error { return e.kind }

// ChunkSize is the size of the buffer Check reads into.
const ChunkSize = 1 << 20

var chunks = sync.Pool{New: func() any { return new([ChunkSize]byte) }}

// Check reads r to the end and reports whether it matches want. It
// returns nil, an *Error (size or digest mismatch, or an unusable
// expectation), ctx.Err() when ctx is done first, or the error r returned.
func Check(ctx context.Context, r io.Reader, want Expectation) error {
	var hashes []hash.Hash
	var wants [][]byte
	var names []string
	for _, d := range []struct {
		name string
		sum  []byte
		size int
		new  func() hash.Hash
	}{
		{"SHA-256", want.SHA256, sha256.Size, sha256.New},
		{"SHA-512", want.SHA512, sha512.Size, sha512.New},
	} {
		if d.sum == nil {
			continue
		}
		if len(d.sum) != d.size {
			return fail(ErrExpectation, CodeAttachment, "the expected %s digest has %d bytes, not %d", d.name, len(d.sum), d.size)
		}
		hashes, wants, names = append(hashes, d.new()), append(wants, d.sum), append(names, d.name)
	}
	if len(hashes) == 0 {
		return fail(ErrExpectation, CodeAttachment, "no digest to check: the manifest must give a SHA-256 or SHA-512 digest")
	}

	buf := chunks.Get().(*[ChunkSize]byte)
	defer chunks.Put(buf)
	var n int64
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		k, err := io.ReadFull(r, buf[:])
		n += int64(k)
		if want.Size >= 0 && n > want.Size {
			return fail(ErrSizeMismatch, CodeSize, "the attachment is longer than the %d bytes its manifest gives", want.Size)
		}
		for _, h := range hashes {
			h.Write(buf[:k])
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return err
		}
	}
	if want.Size >= 0 && n != want.Size {
		return fail(ErrSizeMismatch, CodeSize, "the attachment is %d bytes; its manifest gives %d", n, want.Size)
	}
	for i, h := range hashes {
		if got := h.Sum(nil); string(got) != string(wants[i]) {
			return fail(ErrDigestMismatch, CodeDigest, "the %s digest of the attachment is %s; its manifest gives %s", names[i], hex.EncodeToString(got), hex.EncodeToString(wants[i]))
		}
	}
	return nil
}

func fail(kind error, code int, format string, args ...any) *Error {
	return &Error{Msg: fmt.Sprintf(format, args...), code: code, kind: kind}
}
