package xsd

import (
	"bytes"
	"encoding/xml"
	"fmt"
)

// EntryName is the name of the entry document EntryDocuments builds. Files
// it adds for one namespace are named EntryPrefix followed by a number.
const (
	EntryName   = "jcx-entry.xsd"
	EntryPrefix = "jcx-entry-"
)

// EntryFile is one of several schema documents that form one schema: its
// location relative to the entry document, and its target namespace ("" for
// none).
type EntryFile struct {
	Location, TargetNamespace string
}

// EntryDocuments builds the documents that bring several schema documents
// together as one schema, since a schema is compiled from one entry
// document: the entry document (EntryName) and, keyed by name, the others
// it needs, all to be placed next to each other.
//
// The entry document has no target namespace. For each namespace, in the
// order the files come, it imports the file that declares it; a file
// without a target namespace is included. Several files of one namespace
// are included by one more document of that namespace, which the entry
// imports, since XML Schema processors (xmllint among them) skip a second
// import of a namespace they already have.
func EntryDocuments(files []EntryFile) map[string][]byte {
	type group struct {
		ns    string
		files []string
	}
	var groups []*group
	byNS := map[string]*group{}
	for _, f := range files {
		if f.TargetNamespace == "" {
			groups = append(groups, &group{files: []string{f.Location}})
			continue
		}
		g := byNS[f.TargetNamespace]
		if g == nil {
			g = &group{ns: f.TargetNamespace}
			byNS[f.TargetNamespace] = g
			groups = append(groups, g)
		}
		g.files = append(g.files, f.Location)
	}
	docs := map[string][]byte{}
	var b bytes.Buffer
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	b.WriteString("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n")
	for _, g := range groups {
		switch {
		case g.ns == "":
			fmt.Fprintf(&b, "  <xs:include schemaLocation=\"%s\"/>\n", escapeText(g.files[0]))
		case len(g.files) == 1:
			fmt.Fprintf(&b, "  <xs:import namespace=\"%s\" schemaLocation=\"%s\"/>\n", escapeText(g.ns), escapeText(g.files[0]))
		default:
			name := fmt.Sprintf("%s%d.xsd", EntryPrefix, len(docs)+1)
			var c bytes.Buffer
			c.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
			fmt.Fprintf(&c, "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"%s\">\n", escapeText(g.ns))
			for _, f := range g.files {
				fmt.Fprintf(&c, "  <xs:include schemaLocation=\"%s\"/>\n", escapeText(f))
			}
			c.WriteString("</xs:schema>\n")
			docs[name] = c.Bytes()
			fmt.Fprintf(&b, "  <xs:import namespace=\"%s\" schemaLocation=\"%s\"/>\n", escapeText(g.ns), name)
		}
	}
	b.WriteString("</xs:schema>\n")
	docs[EntryName] = b.Bytes()
	return docs
}

func escapeText(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
