package strictjson

// Limits bounds what a message may cost and how strict Check is. A zero
// numeric field takes its default.
type Limits struct {
	// MaxBytes bounds the message. Default 16 MiB, as for XML.
	MaxBytes int64

	// MaxDepth bounds nesting of objects and arrays; the top-level value
	// is depth 1. Default 100: a jcx message is about 20 levels deep, and
	// every recursive consumer downstream (encoding/json, JSON Schema
	// validation, JCS) stays far from its own limits.
	MaxDepth int

	// MaxMembers bounds the members of one object. Default 10,000: jcx
	// objects have tens of members and carry collections in arrays, while
	// duplicate detection costs memory per member.
	MaxMembers int

	// MaxNumberDigits bounds the digits of a number before its exponent,
	// integer and fraction parts together, leading zeros included. Default
	// 40: a jcx number is at most a 64-bit integer (19 digits), and
	// downstream arithmetic on a number's exact value (math/big in the JSON
	// Schema step) costs time quadratic in its length. The exponent is
	// bounded too, to MaxExponentDigits digits, so that no number's exact
	// value needs more than about 33,000 bits.
	MaxNumberDigits int

	// MaxValues bounds the values in the message: objects, arrays,
	// strings, numbers and literals, at any depth (member names are not
	// counted). Default 250,000. Whatever is built from a message after
	// Check costs per value, not per byte: 16 MiB of [0,0,0,…] is eight
	// million values, hundreds of megabytes as a tree and seconds of
	// schema validation, while a jcx message carries tens of values per
	// object (250,000 values is about 10,000 persons or 60,000
	// identifiers; larger collections go in several messages).
	MaxValues int

	// RequireSafeIntegers refuses numbers that JCS (RFC 8785) cannot carry
	// exactly through an IEEE 754 double: any fraction or exponent, and
	// integers of magnitude above 2^53. Set it for content that is signed
	// or verified with a detached JWS over the JCS form.
	RequireSafeIntegers bool
}

// DefaultLimits returns the limits used for zero fields.
func DefaultLimits() Limits {
	return Limits{MaxBytes: 16 << 20, MaxDepth: 100, MaxMembers: 10_000, MaxNumberDigits: 40, MaxValues: 250_000}
}

func (l Limits) normalized() Limits {
	d := DefaultLimits()
	if l.MaxBytes <= 0 {
		l.MaxBytes = d.MaxBytes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = d.MaxDepth
	}
	if l.MaxMembers <= 0 {
		l.MaxMembers = d.MaxMembers
	}
	if l.MaxValues <= 0 {
		l.MaxValues = d.MaxValues
	}
	if l.MaxNumberDigits <= 0 {
		l.MaxNumberDigits = d.MaxNumberDigits
	}
	return l
}

// MaxExponentDigits bounds the digits of a number's exponent, leading zeros
// included: |exponent| < 10,000, far beyond any number a message carries.
const MaxExponentDigits = 4
