package safexml

// Limits bounds what a document may cost to read. A zero field takes its
// default, so Limits{} and DefaultLimits() behave the same.
type Limits struct {
	// MaxBytes bounds the document as received, before any charset
	// decoding. At most MaxBytes+1 bytes are read. Default 16 MiB.
	// Decoding a legacy charset can at most triple the size of the result.
	MaxBytes int64

	// MaxDepth bounds element nesting; the root element is depth 1.
	// Default 100: the deepest jcx message, signature included, is about
	// 20 levels, and national extensions get generous headroom while
	// anything walking the tree recursively stays trivially bounded.
	MaxDepth int

	// MaxAttrs bounds the attributes of one element, namespace
	// declarations included. Default 64.
	MaxAttrs int

	// MaxNameLen bounds element and attribute names (prefix included),
	// processing-instruction targets and entity names, in bytes.
	// Default 256.
	MaxNameLen int

	// MaxTokenBytes bounds one run of character data (between two pieces
	// of markup), one attribute value, one comment and one CDATA section,
	// in bytes. encoding/xml holds a whole token in memory, so this is
	// what keeps its buffers small when MaxBytes is raised. Default 8 MiB,
	// which leaves room for an inline base64 attachment of about 6 MiB.
	MaxTokenBytes int
}

// DefaultLimits returns the limits used for zero fields.
func DefaultLimits() Limits {
	return Limits{
		MaxBytes:      16 << 20,
		MaxDepth:      100,
		MaxAttrs:      64,
		MaxNameLen:    256,
		MaxTokenBytes: 8 << 20,
	}
}

// normalized fills zero (or negative) fields with their defaults.
func (l Limits) normalized() Limits {
	d := DefaultLimits()
	if l.MaxBytes <= 0 {
		l.MaxBytes = d.MaxBytes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = d.MaxDepth
	}
	if l.MaxAttrs <= 0 {
		l.MaxAttrs = d.MaxAttrs
	}
	if l.MaxNameLen <= 0 {
		l.MaxNameLen = d.MaxNameLen
	}
	if l.MaxTokenBytes <= 0 {
		l.MaxTokenBytes = d.MaxTokenBytes
	}
	return l
}
