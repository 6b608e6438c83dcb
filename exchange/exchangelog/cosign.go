package exchangelog

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
)

// algCosignatureV1 is the C2SP signed-note algorithm byte of tlog-cosignature v1
// (Ed25519 over a message that binds the cosigning time).
const algCosignatureV1 = 0x04

// ErrBadWitnessKey is matched by the errors of NewWitnessVerifier.
var ErrBadWitnessKey = errors.New("exchangelog: malformed witness verifier key")

// NewWitnessVerifier returns a note verifier for a witness's C2SP tlog-cosignature v1
// key, written as a note verifier key: "<name>+<8 hex key hash>+<base64 of 0x04 and the
// 32-byte Ed25519 public key>".
//
// A cosignature signs "cosignature/v1\ntime <T>\n" followed by the checkpoint body, and
// carries T (8 bytes, big-endian seconds) before the 64-byte Ed25519 signature, so a
// witness attests that it saw this checkpoint — and, having checked consistency, no
// conflicting one — at time T.
func NewWitnessVerifier(vkey string) (note.Verifier, error) {
	name, rest, ok1 := strings.Cut(vkey, "+")
	hexHash, b64, ok2 := strings.Cut(rest, "+")
	if !ok1 || !ok2 || name == "" || strings.ContainsAny(name, "+ \n") {
		return nil, ErrBadWitnessKey
	}
	h, err1 := strconv.ParseUint(hexHash, 16, 32)
	key, err2 := base64.StdEncoding.DecodeString(b64)
	if err1 != nil || err2 != nil || len(hexHash) != 8 || len(key) != 1+ed25519.PublicKeySize || key[0] != algCosignatureV1 {
		return nil, ErrBadWitnessKey
	}
	if uint32(h) != witnessKeyHash(name, key) {
		return nil, ErrBadWitnessKey
	}
	return &witnessVerifier{name: name, hash: uint32(h), pub: ed25519.PublicKey(key[1:])}, nil
}

// witnessKeyHash is the signed-note key hash: the first four bytes of
// SHA-256(name || "\n" || algorithm byte || public key).
func witnessKeyHash(name string, algKey []byte) uint32 {
	h := sha256.New()
	h.Write([]byte(name + "\n"))
	h.Write(algKey)
	return binary.BigEndian.Uint32(h.Sum(nil))
}

type witnessVerifier struct {
	name string
	hash uint32
	pub  ed25519.PublicKey
}

func (v *witnessVerifier) Name() string    { return v.name }
func (v *witnessVerifier) KeyHash() uint32 { return v.hash }

func (v *witnessVerifier) Verify(msg, sig []byte) bool {
	if len(sig) != 8+ed25519.SignatureSize {
		return false
	}
	t := binary.BigEndian.Uint64(sig[:8])
	signed := cosignedMessage(t, msg)
	return ed25519.Verify(v.pub, signed, sig[8:])
}

func cosignedMessage(t uint64, body []byte) []byte {
	return append([]byte("cosignature/v1\ntime "+strconv.FormatUint(t, 10)+"\n"), body...)
}
