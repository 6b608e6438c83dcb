// Package schemas holds the schemas of the jcx core format, embedded: the XSD 1.0
// documents, which are the source of truth, and the JSON Schema (draft 2020-12) generated
// from them.
//
// Both describe the same message under one mapping, so a message valid in one encoding
// converts to a message valid in the other:
//
//   - XML: namespace https://jcx.dev/ns/core/2026-11, elements qualified, root element
//     Message with Header, Payload and, last, an optional enveloped ds:Signature. The XSD
//     does not look inside the signature; the signature layer checks it.
//   - JSON: the object is the content of Message (no "Message" wrapper): members Header,
//     Payload and an optional Signature, a flattened JWS with a detached payload.
//   - An element becomes a member of the same name. An element that may repeat is always
//     an array (one item is still an array; an absent member, never an empty array, says
//     "none"). An optional element is an optional member. A choice is exactly one of its
//     members. xs:int and xs:long are JSON integers with the same bounds, xs:boolean is a
//     JSON boolean, and everything else — dates, decimals such as Amount.Value, base64 — is
//     a string under the same pattern, enumeration and length facets.
//   - Element order matters in XML only; it is the field order of the Go model in package
//     exchange (encoding/xml writes fields in that order).
//
// The schema is polymorphic by element name only: no xsi:type and no QName-valued
// content, because exclusive canonicalisation does not protect a prefix used only inside
// an attribute value or text.
//
// Regenerate the JSON Schema after changing the XSD with go generate in this directory;
// the tests fail when the two disagree, when the XSD and the Go model disagree, or when a
// sample message in testdata is judged differently by xmllint and the JSON Schema.
package schemas

import (
	"embed"
	"io/fs"

	"github.com/jcx-dev/jcx/internal/schemajson"
)

//go:generate go run ../internal/schemagen -in xsd/jcx.xsd -out json/jcx.schema.json

// FS holds the schema files: the XSD documents under xsd/ and the JSON Schema under json/.
//
//go:embed xsd json
var FS embed.FS

// Paths of the entry documents within FS, and the version of the format they describe.
const (
	// XSDEntry validates any message; it includes the other documents of xsd/.
	XSDEntry = "xsd/jcx.xsd"
	// JSONEntry is the generated JSON Schema.
	JSONEntry = "json/jcx.schema.json"
	// Version is the date of the namespace the schemas describe.
	Version = "2026-11"
	// Namespace is the XML namespace of every element the XSD defines.
	Namespace = "https://jcx.dev/ns/core/" + Version
	// JSONID is the $id of the JSON Schema.
	JSONID = Namespace + "/jcx.schema.json"
)

// XSD returns the directory of the XSD documents, so that xs:include resolves; the entry
// document in it is jcx.xsd.
func XSD() fs.FS {
	sub, err := fs.Sub(FS, "xsd")
	if err != nil {
		panic("schemas: embedded xsd directory missing: " + err.Error()) // fixed at build time
	}
	return sub
}

// JSON returns the generated JSON Schema document.
func JSON() []byte {
	data, err := FS.ReadFile(JSONEntry)
	if err != nil {
		panic("schemas: embedded JSON Schema missing: " + err.Error()) // fixed at build time
	}
	return data
}

// ErrNoLoad is returned for any attempt of the JSON Schema to load another document: the
// schema is self-contained and validation never touches the network or the file system.
var ErrNoLoad = schemajson.ErrNoLoad
