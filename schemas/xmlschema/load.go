package xmlschema

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/jcx-dev/jcx/internal/xsd"
)

// Set is a compiled schema set. It is immutable and safe for concurrent use;
// load it once and validate any number of documents with it.
type Set struct {
	schema   *xsd.Schema
	opts     Options
	entry    []byte
	warnings []string
}

// Load compiles the schema set that entries name inside fsys. An entry is a
// schema document or a folder; without entries, the whole of fsys is the
// folder. Includes and imports are resolved relative to the document that
// names them, inside fsys; nothing is ever fetched over the network. See
// the package documentation for how several entries and folders become one
// set.
//
// A set that does not compile gives a *SchemaError naming the file, line
// and construct at fault; it wraps ErrSchema, ErrUnsupported or ErrLimit.
func Load(fsys fs.FS, entries ...string) (*Set, error) {
	return Options{}.Load(fsys, entries...)
}

// LoadDir is Load over the folder dir of the local file system. Entries
// are file paths relative to dir; errors name files by their path on disk.
func LoadDir(dir string, entries ...string) (*Set, error) {
	return Options{}.LoadDir(dir, entries...)
}

// Load is the package-level Load with these options.
func (o Options) Load(fsys fs.FS, entries ...string) (*Set, error) {
	return o.load(fsys, entries, func(f string) string { return f })
}

// LoadDir is the package-level LoadDir with these options.
func (o Options) LoadDir(dir string, entries ...string) (*Set, error) {
	rel := make([]string, len(entries))
	for i, e := range entries {
		if filepath.IsAbs(e) {
			r, err := filepath.Rel(dir, e)
			if err != nil {
				return nil, &SchemaError{File: e, Msg: "not inside " + dir, kind: ErrSchema, cause: err}
			}
			e = r
		}
		rel[i] = filepath.ToSlash(filepath.Clean(e))
	}
	return o.load(os.DirFS(dir), rel, func(f string) string {
		if f == EntryName || strings.HasPrefix(f, entryPrefix) {
			return f
		}
		return filepath.Join(dir, filepath.FromSlash(f))
	})
}

func (o Options) load(fsys fs.FS, entries []string, display func(string) string) (*Set, error) {
	o = o.withDefaults()
	fsys = xsd.LimitFS(fsys, o.MaxSchemaBytes)
	p, err := plan(fsys, entries, o)
	if err != nil {
		return nil, renameFile(err, display)
	}
	s := &Set{opts: o}
	for _, l := range p.leftOut {
		s.warnings = append(s.warnings, fmt.Sprintf("%s left out: namespace %s is taken from %s, which the set imports", display(l.file), l.ns, display(l.instead)))
	}
	entry, src := p.files[0], fsys
	if len(p.read) > 0 {
		src = &overlay{base: fsys, read: p.read}
	}
	if len(p.files) > 1 {
		var extra map[string][]byte
		entry, extra = p.entryDocuments()
		s.entry = extra[entry]
		for name := range extra {
			if _, err := fs.Stat(fsys, name); err == nil {
				return nil, &SchemaError{File: display(name), Msg: "the entry document built for several entries needs this name; rename the file", kind: ErrSchema}
			}
		}
		src = &overlay{base: fsys, extra: extra, read: p.read}
	}
	xo := &xsd.Options{
		MaxSchemaFiles: o.MaxSchemaFiles,
		MaxSchemaBytes: o.MaxSchemaBytes,
		// The document reaching the engine has passed the front door, which
		// bounds it as received; decoding a legacy charset can triple it.
		MaxDocumentBytes: 3*o.MaxBytes + 64,
		MaxDepth:         o.MaxDepth,
	}
	s.schema, err = xsd.CompileOptions(src, entry, xo)
	if err != nil {
		err = renameFile(fromEngine(err), display)
		if se, ok := errors.AsType[*SchemaError](err); ok {
			se.Msg = renameInText(fsys, se.Msg, display)
		}
		return nil, err
	}
	for _, w := range s.schema.Warnings() {
		s.warnings = append(s.warnings, renameInText(src, w.Error(), display))
	}
	return s, nil
}

// Entry returns the entry document built for a set of several entry files
// (see the package documentation), or nil when the set has one entry file.
// It lets the same set be given to another validator.
func (s *Set) Entry() []byte { return s.entry }

// Warnings lists what loading left out, one sentence each: schema documents
// of a folder whose namespace the set already takes from another file,
// includes, imports and redefines that could not be followed (a URL, a
// location outside the set, or no such file), second imports of a namespace
// already imported from another document, which are skipped as xmllint skips
// them, and references that resolve to
// nothing where only an instance would need the missing component (the type
// of a top-level element declaration nothing refers to, a substitution group
// head, a list's item type): the set loads, and an element that needs the
// component is invalid, with a finding that names it.
func (s *Set) Warnings() []string { return s.warnings }

// fromEngine turns an error of the engine into this package's SchemaError.
func fromEngine(err error) error {
	var se *xsd.SchemaError
	if !errors.As(err, &se) {
		return &SchemaError{Msg: err.Error(), kind: ErrSchema}
	}
	kind := ErrSchema
	switch {
	case errors.Is(err, xsd.ErrUnsupported):
		kind = ErrUnsupported
	case errors.Is(err, xsd.ErrLimit):
		kind = ErrLimit
	}
	return &SchemaError{File: se.File, Line: se.Line, Construct: se.Construct, Msg: se.Msg, kind: kind}
}

func renameFile(err error, display func(string) string) error {
	if se, ok := errors.AsType[*SchemaError](err); ok && se.File != "" {
		se.File = display(se.File)
	}
	return err
}

// schemaPath matches what may be the path of a schema document in a message
// ("first declared at common/types.xsd:12").
var schemaPath = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[^\s:()"']+\.xsd\b`) })

// renameInText names the files of fsys that a message mentions as display names
// them, so that a message and its SchemaError.File agree.
func renameInText(fsys fs.FS, msg string, display func(string) string) string {
	return schemaPath().ReplaceAllStringFunc(msg, func(p string) string {
		if _, err := fs.Stat(fsys, p); err != nil {
			return p
		}
		return display(p)
	})
}

// plan is the outcome of expanding entries into the set's entry files.
type planned struct {
	files   []string
	headers map[string]header
	leftOut []leftOut
	// read keeps the documents planning read, up to keep bytes in all, for
	// compiling to take instead of reading them again.
	read map[string][]byte
	keep int64
}

// leftOut is a second file for a namespace, left out of a folder's entry files.
type leftOut struct{ file, ns, instead string }

func plan(fsys fs.FS, entries []string, o Options) (*planned, error) {
	if len(entries) == 0 {
		entries = []string{"."}
	}
	p := &planned{headers: map[string]header{}, read: map[string][]byte{}, keep: o.MaxSchemaBytes}
	seen := map[string]bool{}
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			p.files = append(p.files, f)
		}
	}
	for _, e := range entries {
		e = path.Clean(e)
		if !fs.ValidPath(e) {
			return nil, &SchemaError{File: e, Msg: "not a relative path inside the schema set", kind: ErrSchema}
		}
		fi, err := fs.Stat(fsys, e)
		if err != nil {
			return nil, &SchemaError{File: e, Msg: "cannot read: " + errText(err), kind: ErrSchema, cause: err}
		}
		if !fi.IsDir() {
			add(e)
			continue
		}
		tops, err := p.folder(fsys, e, o)
		if err != nil {
			return nil, err
		}
		for _, f := range tops {
			add(f)
		}
	}
	if len(p.files) > 1 {
		// The entry document imports each file's namespace, so every file's
		// header is needed, named ones included.
		for _, f := range p.files {
			if _, err := p.header(fsys, f); err != nil {
				return nil, err
			}
		}
	}
	return p, nil
}

// errText is an fs error without the path, which the SchemaError names.
func errText(err error) string {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

func (p *planned) header(fsys fs.FS, f string) (header, error) {
	if h, ok := p.headers[f]; ok {
		return h, nil
	}
	data, err := fs.ReadFile(fsys, f)
	if err != nil {
		kind := ErrSchema
		if errors.Is(err, xsd.ErrFileTooLarge) {
			kind = ErrLimit
		}
		return header{}, &SchemaError{File: f, Msg: "cannot read: " + errText(err), kind: kind, cause: err}
	}
	h, err := scanHeader(data)
	if he, ok := errors.AsType[*headerError](err); ok {
		return header{}, &SchemaError{File: f, Line: he.line, Msg: "not a schema document: " + he.msg, kind: ErrSchema}
	}
	if int64(len(data)) <= p.keep {
		p.read[f] = data
		p.keep -= int64(len(data))
	}
	p.headers[f] = h
	return h, nil
}
