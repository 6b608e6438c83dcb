package xmlschema

// Options bounds what loading a schema set and validating a document may
// cost. A zero field takes its default; the instance defaults are those of
// jcx messages.
type Options struct {
	// MaxBytes bounds a document as received (default 16 MiB); a larger one
	// gets one finding with CodeTooLarge and is not read further.
	MaxBytes int64
	// MaxDepth bounds element nesting in a document (default 64).
	MaxDepth int
	// MaxSchemaFiles bounds the schema documents of a set (default 256).
	MaxSchemaFiles int
	// MaxSchemaBytes bounds the schema documents' total size (default 16 MiB).
	MaxSchemaBytes int64
}

// Defaults of Options.
const (
	DefaultMaxBytes       = 16 << 20
	DefaultMaxDepth       = 64
	DefaultMaxSchemaFiles = 256
	DefaultMaxSchemaBytes = 16 << 20
)

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	if o.MaxSchemaFiles <= 0 {
		o.MaxSchemaFiles = DefaultMaxSchemaFiles
	}
	if o.MaxSchemaBytes <= 0 {
		o.MaxSchemaBytes = DefaultMaxSchemaBytes
	}
	return o
}
