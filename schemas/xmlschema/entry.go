package xmlschema

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io/fs"
	"time"
)

// EntryName is the name of the entry document built for a set of several
// entry files. It exists only in memory; errors name it when the fault is in
// it. Files the entry document brings together for one namespace are named
// EntryName's stem followed by a number.
const EntryName = "jcx-entry.xsd"

const entryPrefix = "jcx-entry-"

// entryDocuments builds the entry document of a set of several entry files,
// and returns its name and the documents to add to the file system.
//
// The entry document has no target namespace. For each namespace, in the
// order the files come, it imports the file that declares it; a file
// without a target namespace is included. Several files of one namespace
// are included by one more document of that namespace, which the entry
// imports, since XML Schema processors (xmllint among them) skip a second
// import of a namespace they already have.
func (p *planned) entryDocuments() (string, map[string][]byte) {
	type group struct {
		ns    string
		files []string
	}
	var groups []*group
	byNS := map[string]*group{}
	for _, f := range p.files {
		ns := p.headers[f].tns
		if ns == "" {
			groups = append(groups, &group{files: []string{f}})
			continue
		}
		g := byNS[ns]
		if g == nil {
			g = &group{ns: ns}
			byNS[ns] = g
			groups = append(groups, g)
		}
		g.files = append(g.files, f)
	}
	extra := map[string][]byte{}
	var b bytes.Buffer
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	b.WriteString("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n")
	for _, g := range groups {
		switch {
		case g.ns == "":
			fmt.Fprintf(&b, "  <xs:include schemaLocation=\"%s\"/>\n", esc(g.files[0]))
		case len(g.files) == 1:
			fmt.Fprintf(&b, "  <xs:import namespace=\"%s\" schemaLocation=\"%s\"/>\n", esc(g.ns), esc(g.files[0]))
		default:
			name := fmt.Sprintf("%s%d.xsd", entryPrefix, len(extra)+1)
			var c bytes.Buffer
			c.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
			fmt.Fprintf(&c, "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"%s\">\n", esc(g.ns))
			for _, f := range g.files {
				fmt.Fprintf(&c, "  <xs:include schemaLocation=\"%s\"/>\n", esc(f))
			}
			c.WriteString("</xs:schema>\n")
			extra[name] = c.Bytes()
			fmt.Fprintf(&b, "  <xs:import namespace=\"%s\" schemaLocation=\"%s\"/>\n", esc(g.ns), name)
		}
	}
	b.WriteString("</xs:schema>\n")
	extra[EntryName] = b.Bytes()
	return EntryName, extra
}

func esc(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// overlay is a file system with a few documents in memory over another.
type overlay struct {
	base  fs.FS
	extra map[string][]byte
}

func (o *overlay) Open(name string) (fs.File, error) {
	if data, ok := o.extra[name]; ok {
		return &memFile{name: name, r: bytes.NewReader(data), size: int64(len(data))}, nil
	}
	return o.base.Open(name)
}

func (o *overlay) ReadFile(name string) ([]byte, error) {
	if data, ok := o.extra[name]; ok {
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
