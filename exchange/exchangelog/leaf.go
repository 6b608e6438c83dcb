package exchangelog

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jcx-dev/jcx/exchange"
)

// LeafVersion is the version byte of the leaf encoding this package writes and reads.
const LeafVersion = 1

// Direction says whether the operator received or sent the logged message.
type Direction byte

const (
	Received Direction = 1
	Sent     Direction = 2
)

func (d Direction) String() string {
	switch d {
	case Received:
		return "received"
	case Sent:
		return "sent"
	}
	return fmt.Sprintf("Direction(%d)", byte(d))
}

// Leaf is what the log records about one exchanged message: who sent it to whom, under
// which transaction, when, in which direction, and the SHA-256 of its exact bytes. Nothing
// else — see the package documentation for why.
type Leaf struct {
	Digest      [32]byte       // SHA-256 of the exact message bytes (the receipt digest)
	Sender      exchange.Party // Header.Sender
	Receiver    exchange.Party // Header.Receiver
	Transaction exchange.UUID  // Header.TransactionIdentifier, lowercase
	Time        time.Time      // Header.Timestamp, kept to the microsecond
	Direction   Direction
}

// ErrMalformedLeaf is matched by every error of ParseLeaf and Leaf.MarshalBinary.
var ErrMalformedLeaf = errors.New("exchangelog: malformed leaf")

func leafErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrMalformedLeaf, fmt.Sprintf(format, args...))
}

// MarshalBinary returns the canonical encoding of l (version 1), byte for byte:
//
//	offset  size  field
//	0       1     version, 0x01
//	1       1     direction: 0x01 received, 0x02 sent
//	2       32    receipt digest (SHA-256 of the exact message bytes)
//	34      8     timestamp: microseconds since 1970-01-01T00:00:00Z, big-endian, signed
//	42      16    transaction identifier: the UUID's 16 bytes
//	58      2     sender country code, two ASCII capital letters
//	60      1     n, the length in bytes of the sender's unique identifier, 1..255
//	61      n     sender unique identifier, UTF-8 without control characters
//	61+n    2     receiver country code
//	63+n    1     m, the length of the receiver's unique identifier, 1..255
//	64+n    m     receiver unique identifier
//
// There is nothing after the receiver's identifier. Every field has exactly one encoding,
// so two equal leaves encode to the same bytes and have the same leaf hash.
func (l Leaf) MarshalBinary() ([]byte, error) {
	if l.Direction != Received && l.Direction != Sent {
		return nil, leafErr("direction %d is neither received (1) nor sent (2)", byte(l.Direction))
	}
	txn, err := uuidBytes(string(l.Transaction))
	if err != nil {
		return nil, err
	}
	if l.Time.IsZero() {
		return nil, leafErr("no timestamp")
	}
	b := make([]byte, 0, 64+len(l.Sender.UniqueIdentifier)+len(l.Receiver.UniqueIdentifier))
	b = append(b, LeafVersion, byte(l.Direction))
	b = append(b, l.Digest[:]...)
	b = binary.BigEndian.AppendUint64(b, uint64(l.Time.UnixMicro()))
	b = append(b, txn[:]...)
	for _, p := range []exchange.Party{l.Sender, l.Receiver} {
		if err := checkParty(p); err != nil {
			return nil, err
		}
		b = append(b, p.CountryCode...)
		b = append(b, byte(len(p.UniqueIdentifier)))
		b = append(b, p.UniqueIdentifier...)
	}
	return b, nil
}

// ParseLeaf decodes the canonical encoding of a leaf and refuses any other: an unknown
// version, a field out of range, or trailing bytes.
func ParseLeaf(b []byte) (Leaf, error) {
	var l Leaf
	if len(b) < 58 {
		return l, leafErr("%d bytes, shorter than the fixed part (58)", len(b))
	}
	if b[0] != LeafVersion {
		return l, leafErr("version %d, want %d", b[0], LeafVersion)
	}
	l.Direction = Direction(b[1])
	if l.Direction != Received && l.Direction != Sent {
		return l, leafErr("direction %d is neither received (1) nor sent (2)", b[1])
	}
	copy(l.Digest[:], b[2:34])
	l.Time = time.UnixMicro(int64(binary.BigEndian.Uint64(b[34:42]))).UTC()
	l.Transaction = exchange.UUID(formatUUID(b[42:58]))
	rest := b[58:]
	for _, p := range []*exchange.Party{&l.Sender, &l.Receiver} {
		if len(rest) < 3 {
			return l, leafErr("truncated party")
		}
		n := int(rest[2])
		if len(rest) < 3+n {
			return l, leafErr("party identifier of %d bytes, %d left", n, len(rest)-3)
		}
		p.CountryCode, p.UniqueIdentifier = string(rest[:2]), string(rest[3:3+n])
		if err := checkParty(*p); err != nil {
			return l, err
		}
		rest = rest[3+n:]
	}
	if len(rest) != 0 {
		return l, leafErr("%d bytes after the receiver", len(rest))
	}
	return l, nil
}

func checkParty(p exchange.Party) error {
	cc := p.CountryCode
	if len(cc) != 2 || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z' {
		return leafErr("country code %q is not two capital letters", cc)
	}
	id := p.UniqueIdentifier
	if len(id) == 0 || len(id) > 255 {
		return leafErr("unique identifier of %d bytes, want 1..255", len(id))
	}
	if !utf8.ValidString(id) {
		return leafErr("unique identifier is not UTF-8")
	}
	for _, r := range id {
		if unicode.IsControl(r) {
			return leafErr("unique identifier holds control character %U", r)
		}
	}
	return nil
}

// uuidBytes accepts only the lowercase 8-4-4-4-12 form, the one exchange requires, so that
// the text form of a transaction identifier is recovered exactly from its 16 bytes.
func uuidBytes(s string) ([16]byte, error) {
	var u [16]byte
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return u, leafErr("transaction identifier %q is not a UUID", s)
	}
	hexs := s[0:8] + s[9:13] + s[14:18] + s[19:23] + s[24:36]
	for _, c := range hexs {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return u, leafErr("transaction identifier %q is not a lowercase UUID", s)
		}
	}
	hex.Decode(u[:], []byte(hexs))
	return u, nil
}

func formatUUID(b []byte) string {
	h := hex.EncodeToString(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
