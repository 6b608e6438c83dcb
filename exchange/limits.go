package exchange

// Limits bound the resources one message may use while it is parsed. The zero value means
// the defaults.
type Limits struct {
	// MaxBytes is the largest accepted message (default 16 MiB); larger ones get 3022.
	MaxBytes int64
	// MaxDepth is the deepest accepted element or value nesting (default 64). Valid
	// messages nest far less; the limit only stops hostile input early.
	MaxDepth int
}

// The defaults of Limits.
const (
	DefaultMaxBytes = 16 << 20
	DefaultMaxDepth = 64
)

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	return l
}
