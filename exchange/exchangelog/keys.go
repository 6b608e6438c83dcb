package exchangelog

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strings"

	"golang.org/x/mod/sumdb/note"
)

// ErrBadKey is matched by the errors of ParseSignerKey.
var ErrBadKey = errors.New("exchangelog: malformed note signer key")

// GenerateKey makes an operator key pair for a log whose origin is name, in the note key
// formats: skey ("PRIVATE+KEY+<name>+…") stays with the operator, vkey is published and
// is all a verifier needs.
func GenerateKey(name string) (skey, vkey string, err error) {
	return note.GenerateKey(rand.Reader, name)
}

// ParseSignerKey returns the signer of an Ed25519 note signer key and its verifier, so
// that an operator needs to keep only one file.
func ParseSignerKey(skey string) (note.Signer, note.Verifier, error) {
	s, err := note.NewSigner(skey)
	if err != nil {
		return nil, nil, errors.Join(ErrBadKey, err)
	}
	// PRIVATE+KEY+<name>+<hash>+<base64(0x01 || seed)>
	// (the name holds no "+", base64 may).
	parts := strings.SplitN(skey, "+", 5)
	raw, err := base64.StdEncoding.DecodeString(parts[len(parts)-1])
	if err != nil || len(raw) != 1+ed25519.SeedSize || raw[0] != 1 {
		return nil, nil, ErrBadKey
	}
	pub := ed25519.NewKeyFromSeed(raw[1:]).Public().(ed25519.PublicKey)
	vkey, err := note.NewEd25519VerifierKey(s.Name(), pub)
	if err != nil {
		return nil, nil, errors.Join(ErrBadKey, err)
	}
	v, err := note.NewVerifier(vkey)
	if err != nil || v.KeyHash() != s.KeyHash() {
		return nil, nil, ErrBadKey
	}
	return s, v, nil
}
