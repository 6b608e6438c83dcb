package xmlschema

import (
	"bytes"
	"io/fs"
	"path"
	"time"

	"github.com/jcx-dev/jcx/internal/xsd"
)

// EntryName is the name of the entry document built for a set of several
// entry files. It exists only in memory; errors name it when the fault is in
// it. Files the entry document brings together for one namespace are named
// EntryName's stem followed by a number.
const EntryName = xsd.EntryName

const entryPrefix = xsd.EntryPrefix

// entryDocuments builds the entry document of a set of several entry files
// (see xsd.EntryDocuments), and returns its name and the documents to add
// to the file system.
func (p *planned) entryDocuments() (string, map[string][]byte) {
	files := make([]xsd.EntryFile, len(p.files))
	for i, f := range p.files {
		files[i] = xsd.EntryFile{Location: f, TargetNamespace: p.headers[f].tns}
	}
	return EntryName, xsd.EntryDocuments(files)
}

// overlay is a file system with a few documents in memory over another:
// extra, the documents built for the set, and read, documents of base that
// planning has read already, so that compiling does not read them again.
type overlay struct {
	base        fs.FS
	extra, read map[string][]byte
}

func (o *overlay) file(name string) ([]byte, bool) {
	if data, ok := o.extra[name]; ok {
		return data, true
	}
	data, ok := o.read[name]
	return data, ok
}

func (o *overlay) Open(name string) (fs.File, error) {
	if data, ok := o.file(name); ok {
		return &memFile{name: name, r: bytes.NewReader(data), size: int64(len(data))}, nil
	}
	return o.base.Open(name)
}

// Stat answers without opening the file, as base does.
func (o *overlay) Stat(name string) (fs.FileInfo, error) {
	if data, ok := o.file(name); ok {
		return &memFile{name: path.Base(name), size: int64(len(data))}, nil
	}
	return fs.Stat(o.base, name)
}

func (o *overlay) ReadFile(name string) ([]byte, error) {
	if data, ok := o.file(name); ok {
		return bytes.Clone(data), nil
	}
	return fs.ReadFile(o.base, name)
}

type memFile struct {
	name string
	r    *bytes.Reader
	size int64
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f, nil }
func (f *memFile) Read(p []byte) (int, error) { return f.r.Read(p) }
func (f *memFile) Close() error               { return nil }

// memFile is its own fs.FileInfo.
func (f *memFile) Name() string       { return f.name }
func (f *memFile) Size() int64        { return f.size }
func (f *memFile) Mode() fs.FileMode  { return 0o444 }
func (f *memFile) ModTime() time.Time { return time.Time{} }
func (f *memFile) IsDir() bool        { return false }
func (f *memFile) Sys() any           { return nil }
