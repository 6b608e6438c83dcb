package xsd

import (
	"io"
	"io/fs"
)

// Options tunes compilation and validation limits. The zero value of a
// field selects its default.
type Options struct {
	MaxSchemaFiles int   // schema documents in one set; default 256
	MaxSchemaBytes int64 // total schema bytes; default 16 MiB
	MaxPositions   int   // automaton positions per content model after expanding occurrence bounds (bounds above 64 copies are counted, not expanded); default 20000

	MaxDocumentBytes int64 // instance size; default 64 MiB
	MaxDepth         int   // instance element nesting; default 256
	MaxAttributes    int   // attributes on one instance element; default 1024
	MaxFindings      int   // findings reported per instance; default 1000
	// MaxIdentityState bounds what validation keeps beyond the open
	// elements: the elements inside an element with identity constraints
	// (kept until its constraints are checked) plus the ID and IDREF values
	// seen; default 131072. Over it, ErrLimit.
	MaxIdentityState int

	// ResolveIDREFs makes every IDREF value refer to an ID in the document.
	// Off by default because xmllint does not check it during schema
	// validation, and this package's verdicts follow xmllint.
	ResolveIDREFs bool

	// countAbove is the number of copies above which bounds are counted:
	// 0 selects countFrom; below 0 nothing is counted. Tests compare the
	// two ways of reading a model.
	countAbove int
}

func (o *Options) withDefaults() *Options {
	out := Options{}
	if o != nil {
		out = *o
	}
	set := func(p *int, d int) {
		if *p <= 0 {
			*p = d
		}
	}
	set(&out.MaxSchemaFiles, 256)
	set(&out.MaxPositions, 20000)
	set(&out.MaxDepth, 256)
	set(&out.MaxAttributes, 1024)
	set(&out.MaxFindings, 1000)
	set(&out.MaxIdentityState, 1<<17)
	if out.MaxSchemaBytes <= 0 {
		out.MaxSchemaBytes = 16 << 20
	}
	if out.MaxDocumentBytes <= 0 {
		out.MaxDocumentBytes = 64 << 20
	}
	return &out
}

// Schema is a compiled schema set. It is immutable and safe for concurrent
// use by multiple goroutines; compile once and reuse it.
type Schema struct {
	opts     *Options
	elements map[qname]*elementDecl
	attrs    map[qname]*attrDecl
	types    map[qname]typeDef
	anyType  *complexType
	hasIDC   bool // some element declares an identity constraint
	warnings []error
	// noSkim reads content that is not validated element by element, as
	// before scanner.skim existed; tests hold the two to the same result.
	noSkim bool
}

// Warnings lists what compilation skipped without failing: includes,
// imports and redefines that could not be followed (a URL, a location
// outside the set, or no such file),
// second imports of a namespace already imported from another document,
// which are skipped as xmllint skips them, and missing components that only
// an instance would need (see the package documentation). Each wraps
// ErrSchema.
func (s *Schema) Warnings() []error { return s.warnings }

// Compile reads the schema document entry from fsys, together with every
// document it includes or imports (resolved as relative paths inside fsys),
// and compiles the set. Errors wrap ErrSchema, ErrUnsupported or ErrLimit
// and are usually a *SchemaError.
func Compile(fsys fs.FS, entry string) (*Schema, error) {
	return CompileOptions(fsys, entry, nil)
}

// CompileOptions is Compile with explicit limits.
func CompileOptions(fsys fs.FS, entry string, opts *Options) (*Schema, error) {
	o := opts.withDefaults()
	l := newLoader(fsys, o)
	if !fs.ValidPath(entry) {
		return nil, &SchemaError{File: entry, Msg: "entry is not a valid fs.FS path", Err: ErrSchema}
	}
	if err := l.load(entry, nil, false, nil); err != nil {
		return nil, err
	}
	if err := l.loadXMLNamespace(); err != nil {
		return nil, err
	}
	return compileSet(l)
}

// Validate reads an instance document from r and validates it. Findings
// describe schema-validity problems; err is non-nil only when the input
// cannot be validated at all (unreadable, not well-formed XML, not UTF-8,
// a DOCTYPE, or over a limit). It wraps ErrMalformed, ErrDoctype or
// ErrLimit.
func (s *Schema) Validate(r io.Reader) ([]Finding, error) {
	data, err := io.ReadAll(io.LimitReader(r, s.opts.MaxDocumentBytes+1))
	if err != nil {
		return nil, err
	}
	return s.ValidateBytes(data)
}

// ValidateBytes validates an instance held in memory; see Validate. data
// is neither modified nor retained, and must not be modified during the
// call.
func (s *Schema) ValidateBytes(data []byte) ([]Finding, error) {
	return s.validateBytes(data, false)
}

// ValidatePrepared is ValidateBytes for a document that safexml's Prepare
// or PrepareBytes returned: UTF-8 whose every character the front door has
// checked, so the engine's own pass over the characters is left out.
// Everything else is read and checked as ValidateBytes does.
func (s *Schema) ValidatePrepared(doc []byte) ([]Finding, error) {
	return s.validateBytes(doc, true)
}

func (s *Schema) validateBytes(data []byte, charsChecked bool) ([]Finding, error) {
	if int64(len(data)) > s.opts.MaxDocumentBytes {
		return nil, &InstanceError{Msg: "document larger than the size limit", Err: ErrLimit}
	}
	sc, root, a, err := openInstance(data, s.opts, charsChecked)
	defer a.release()
	if err != nil {
		return nil, err
	}
	v := &validator{s: s, sc: sc}
	v.validateRoot(root)
	if v.err == nil {
		v.err = sc.epilogue()
	}
	if v.err != nil {
		return nil, v.err
	}
	v.resolveIDREFs()
	return v.findings, nil
}
