package trust

import (
	"crypto/sha256"
	"crypto/x509"
	"sync"
	"time"
)

// maxCached bounds the verified chains a bundle remembers; past it the cache starts over.
const maxCached = 1024

// verified remembers chains that Verify accepted, with the period in which every
// certificate of the path is valid, so that the same sender's chain is not re-verified for
// every message. A bundle only grows (Add), so a chain trusted once stays trusted within
// that period; a time outside it goes through the full check again.
type verified struct {
	mu      sync.Mutex
	entries map[[sha256.Size]byte]cachedIdentity
}

type cachedIdentity struct {
	id                  Identity
	notBefore, notAfter time.Time
}

// chainKey identifies a presented chain by the digest of its certificates' DER.
func chainKey(chain []*x509.Certificate) ([sha256.Size]byte, bool) {
	h := sha256.New()
	for _, c := range chain {
		if c == nil {
			return [sha256.Size]byte{}, false
		}
		var n [4]byte
		n[0], n[1], n[2], n[3] = byte(len(c.Raw)>>24), byte(len(c.Raw)>>16), byte(len(c.Raw)>>8), byte(len(c.Raw))
		h.Write(n[:])
		h.Write(c.Raw)
	}
	var k [sha256.Size]byte
	h.Sum(k[:0])
	return k, len(chain) > 0
}

func (v *verified) lookup(k [sha256.Size]byte, at time.Time) (Identity, bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	e, ok := v.entries[k]
	if !ok || at.Before(e.notBefore) || at.After(e.notAfter) {
		return Identity{}, false
	}
	return e.id, true
}

func (v *verified) store(k [sha256.Size]byte, id Identity) {
	e := cachedIdentity{id: id}
	for i, c := range id.Chain {
		if i == 0 || c.NotBefore.After(e.notBefore) {
			e.notBefore = c.NotBefore
		}
		if i == 0 || c.NotAfter.Before(e.notAfter) {
			e.notAfter = c.NotAfter
		}
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.entries == nil || len(v.entries) >= maxCached {
		v.entries = make(map[[sha256.Size]byte]cachedIdentity)
	}
	v.entries[k] = e
}
