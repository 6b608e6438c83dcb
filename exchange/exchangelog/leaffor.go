package exchangelog

import (
	"crypto/sha256"

	"github.com/jcx-dev/jcx/exchange"
)

// LeafFor returns the leaf of a message: raw is its exact bytes as exchanged (the digest
// is taken over them, as the receipt's is) and h its decoded header.
func LeafFor(raw []byte, h exchange.Header, d Direction) (Leaf, error) {
	t, err := h.Timestamp.Time()
	if err != nil {
		return Leaf{}, leafErr("timestamp: %v", err)
	}
	return Leaf{
		Digest:      sha256.Sum256(raw),
		Sender:      h.Sender,
		Receiver:    h.Receiver,
		Transaction: h.TransactionIdentifier,
		Time:        t,
		Direction:   d,
	}, nil
}
