package exchange

// Namespace is the XML namespace of every element jcx defines. It is date-versioned: a
// change that is not backwards compatible gets a new date, and a new constant.
const Namespace = "https://jcx.dev/ns/core/2026-11"

// SignatureNamespace is the W3C XML-DSig namespace of the enveloped ds:Signature element.
const SignatureNamespace = "http://www.w3.org/2000/09/xmldsig#"

// Version of the message format that this package speaks.
const (
	SpecificationVersion = "V1.0.0"
	ProfileOwner         = "jcx"
	ProfileVersion       = "2026-11"
)

// DictionaryOwner is the Owner of the dictionaries this package defines (the Dict* names;
// docs/dictionaries.md lists each with its values).
const DictionaryOwner = "jcx"

// Media types of the two encodings, as sent in HTTP Content-Type.
const (
	MediaTypeXML  = "application/xml"
	MediaTypeJSON = "application/json"
)
