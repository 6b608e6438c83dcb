// Package xsd validates XML documents against XML Schema 1.0, in pure Go,
// with verdicts that agree with libxml2's `xmllint --schema`. Code outside
// this module uses it through package schemas/xmlschema, which adds schema
// sets with several entries and the hardened front door for documents.
//
// Compile a schema set once and reuse it; a *Schema is immutable and safe
// for concurrent use:
//
//	s, err := xsd.Compile(os.DirFS("schemas/xsd"), "jcx.xsd")
//	if err != nil {
//		// errors.Is(err, xsd.ErrSchema): the schema is wrong;
//		// errors.Is(err, xsd.ErrUnsupported): a construct this package refuses.
//	}
//	findings, err := s.Validate(r)
//	if err != nil {
//		// not validatable at all: errors.Is(err, xsd.ErrMalformed),
//		// xsd.ErrDoctype or xsd.ErrLimit
//	}
//	for _, f := range findings {
//		fmt.Println(f.Line, f.Path, f.Message)
//	}
//
// A document is schema-valid exactly when Validate returns no error and no
// findings. Every problem is reported, not only the first; Finding.Path is
// an XPath of local names with sibling indexes (/Message/Header[1]/Timestamp[1]).
//
// # Schema sets
//
// The entry document and everything it includes or imports are read from
// the fs.FS by relative paths; the network is never used. Imports without a
// schemaLocation are allowed (their components must come from elsewhere).
// A set that declares nothing in the XML namespace gets built-in
// declarations of xml:lang, xml:space, xml:base, xml:id and the group
// xml:specialAttrs, typed as the XML and xml:id Recommendations say, so a
// set that imports xml.xsd from the web compiles and checks them. An
// include, import or redefine that cannot be followed (a URL, a location
// outside the set, or no such file) is a warning (Schema.Warnings), since
// XSD 1.0 makes a schemaLocation that fails to resolve no error (§4.2.1,
// §4.2.3): nothing is included, and a reference to what it would have
// brought is one that resolves to nothing. A redefine that redefines
// something of a document it cannot read is refused. As in xmllint, the
// first import of a namespace wins: a later import of it from another
// document is skipped with a warning. Chameleon includes are supported.
//
// A reference that resolves to nothing is a missing component (XSD 1.0
// §5.3). Where only the validation of an instance would consult it (the
// type or substitution group head of a top-level element declaration that
// nothing refers to, the item type of a list), the schema compiles with a
// warning and an element that needs the component is invalid; where
// compiling needs it (a base type, a group, an element or attribute
// reference, the type of a local declaration or of a default value), the
// schema is refused. missing.go says why the line runs there.
//
// xs:redefine works as XSD 1.0 §4.2.2 says: the redefined document is
// included, and each simple type, complex type, group and attribute group
// in the xs:redefine replaces the definition of its name everywhere, the
// redefined document included; its own self-reference (the base of a
// type, the one reference of a group or attribute group to its name)
// means the old definition. The constraints of src-redefine are checked:
// a type derives from itself, a group or attribute group refers to itself
// at most once (a group reference with minOccurs and maxOccurs 1), and a
// group or attribute group without a self-reference restricts the old one
// (a group by the particle rules of §3.9.6).
//
// Several schema documents form one schema through an entry document
// that imports or includes them (EntryDocuments builds it).
//
// Conditional inclusion (vc:minVersion, vc:maxVersion, vc:typeAvailable,
// vc:typeUnavailable, vc:facetAvailable, vc:facetUnavailable; XSD 1.1
// §4.2.1) is honoured as an XSD 1.0 processor: an element whose condition
// XSD 1.0 does not meet is left out of its schema document before anything
// reads it, so a schema can carry xs:assert and other XSD 1.1 constructs.
//
// A pattern that cannot be translated exactly to Go's regexp syntax is
// refused with ErrUnsupported.
//
// # What is checked
//
// Element and attribute declarations (global, local, references),
// elementFormDefault/attributeFormDefault/form, complex types with
// sequence, choice, all, named groups and occurrence bounds, attribute
// groups, complexContent and simpleContent extension and restriction,
// simple types by restriction (all facets), list and union, all built-in
// types, wildcards (xs:any, xs:anyAttribute) with every namespace form and
// strict/lax/skip, substitution groups, abstract elements and types,
// nillable with xsi:nil, fixed and default values, xsi:type (naming a
// derived type or a member of a union), block and final with their
// schema-wide defaults (a derivation a final type forbids is a schema error;
// an xsi:type or substitution a block forbids is a finding), identity
// constraints (unique, key, keyref), unique IDs, and notations (xs:NOTATION
// restricted to an enumeration of declared notations).
//
// Schema documents are first checked against the Schema for Schemas where
// it constrains every element alike (annotations, foreign elements and
// attributes, the attributes each element may carry where it stands and
// their enumerated values, character data, ids, booleans, declarations
// that hold only an annotation); compilation checks the rest, and a
// refusal names the constraint it breaks where the specification names one
// (src-attribute.2, cos-aw-union, maxLength-valid-restriction). The W3C XML
// Schema test suite runs in the tests, with per-set figures in
// testdata/w3c/README.md.
//
// Content models compile to Glushkov automata. Occurrence bounds above 64
// copies, on an element, a wildcard or a group, are counted rather than
// expanded: the term is built once and a counter holds the iterations
// (<xs:sequence maxOccurs="50000"> of two elements costs two positions;
// bounds of 2^30 and more read as 2^30, which no document reaches). Counting
// is exact, also where the iterations can be read several ways
// ((a+){70,100}): validation keeps the interval of counts each reading
// reaches (validate_counted.go). Small bounds are expanded into copies, and
// so are bounds nested inside four counted particles; Options.MaxPositions
// (20,000 by default, and 64 times as many transitions) caps what one
// content model expands to, so only a hostile model reaches it, such as
// thousands of optional elements in a row or a fifth nested level of large
// bounds, refused with ErrLimit. Unique Particle
// Attribution violations are schema errors. A complex type restricting
// complex content must accept only what its base accepts, checked particle
// against particle as XSD 1.0 §3.9.6 prescribes (cos-particle-restrict and
// its rcase-* rules, restriction.go); a refusal names the rule.
//
// # Agreement with xmllint
//
// The tests run xmllint on the same inputs: a construct suite, thousands of
// generated mutants of valid documents, and every built-in type's lexical
// edge cases. Where libxml2 departs from the XSD 1.0 text and the departure
// decides a verdict, this package follows libxml2, and says so in a comment
// at that spot. Examples: IDREF values are not resolved (unless
// Options.ResolveIDREFs is set), built-in list types accept the empty list,
// xs:int, the date/time types and QName refuse surrounding whitespace, also
// through derived types unless a pattern or an enumeration is on the way
// (an xs:int between bounds refuses " 5 ") or an identity constraint's
// field selects the value, decimals keep at most 24
// digits, totalDigits counts leading fraction zeros, an element's fixed
// value is compared with its literal text, a declaration's name keeps the
// surrounding whitespace it is written with (so nothing matches it), and a
// nested character-class subtraction [a-z-[b-y-[c]]] subtracts both classes.
// Schemas that XSD forbids but libxml2 compiles are refused here; the list
// is in testdata/schemas/bad/LIBXML2-ACCEPTS. Among them: a restriction
// that widens a facet a built-in type carries (fractionDigits on an integer
// type, minLength 0 on xs:NMTOKENS), although instances of the built-in
// list types may still be empty as above.
//
// # Cost
//
// A compiled Schema is meant to be reused: compiling pays for reading the
// schema documents and building automata. Each schema document is read
// and parsed once however many documents import or include it (a
// chameleon include is read again for each namespace it joins), though
// every reference counts against MaxSchemaFiles and MaxSchemaBytes.
// Validation streams: one pass of
// a small strict scanner hands out one element at a time, and each element
// is validated from its start tag to its end tag, its memory reused once
// it has ended. Content that is not validated (under a skip wildcard, an
// unexpected element, anything after the findings cap) is read without
// handing out elements at all, with the same well-formedness checks, so a
// flood of findings or of unknown elements costs little more than reading
// it. Memory is therefore proportional to the depth of the
// document, not its size, and CPU time is linear in the size whatever the
// shape (wide, deep, many attributes or namespaces, long or distinct
// names, long values): TestCostIsLinear holds every such shape of 16 MiB
// to one second of CPU and 128 MiB of allocation, and measures well
// under both. Values are substrings of the input, not copies. Patterns of
// the common shapes (character classes with counts, alternations of such
// runs, optional parts, fixed-width groups repeated before a tail of fixed
// width such as the base64 pattern) are matched without the regexp engine;
// other patterns compile their regexp on first use.
//
// Two things need state beyond the open elements, and both are bounded
// by Options.MaxIdentityState: the subtree of an element with identity
// constraints is kept until its constraints are checked at its end tag,
// and ID (and, with ResolveIDREFs, IDREF) values are remembered to the end
// of the document. A document over the bound is refused with ErrLimit,
// where xmllint would go on; no real message comes near it.
//
// Validation stops at Options.MaxFindings; the rest of the document is
// then only read, to check that it is well-formed. Decimal and integer
// literals keep at most 24 digits once the leading zeros of the integer
// part are dropped, fraction digits included, as in libxml2, which finds
// longer ones invalid; the bound is applied before any big-number
// arithmetic, so a literal of millions of digits costs linear time.
//
// A finding's path numbers an element among its same-named siblings,
// counted as they are read. A parent with more than 1024 distinct child
// names has the later names numbered by position instead (*[n], the nth
// child element), so that a flood of names costs no memory.
//
// # Hardening
//
// Instances must be UTF-8 (or ASCII). A DOCTYPE is refused (ErrDoctype), so
// no entity beyond the predefined five is ever expanded.
//
// Schema documents are read as shipped: in any charset golang.org/x/text
// knows (SAML 2.0 declares US-ASCII), and with a DOCTYPE whose internal
// subset declares general entities (the W3C XML-DSig schema does). Those
// entities are expanded within limits (entity count, replacement text,
// nesting, total expansion: ErrLimit beyond them); the external subset and
// external entities are never fetched, and other declarations (attribute
// defaults among them) are not applied. Size, depth, attribute count, the
// number of findings and the state kept for identity constraints and IDs
// are limited (see Options).
package xsd
