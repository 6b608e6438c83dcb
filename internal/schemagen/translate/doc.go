// Package translate reads the XSD 1.0 documents of the jcx format and translates them into
// one JSON Schema (draft 2020-12) under the documented XML⇄JSON mapping.
//
// It is deliberately a small translator of the subset of XSD that the jcx schema uses, not
// a general XSD processor. Everything it does not translate faithfully is refused with an
// *UnsupportedError (errors.Is(err, ErrUnsupported)), so that a change to the XSD that the
// JSON side cannot follow fails the build instead of producing a schema that quietly
// accepts something else.
//
// The subset:
//
//   - one target namespace, elementFormDefault="qualified", the XSD namespace bound to a
//     prefix and the target namespace bound as the default namespace (so type references
//     need no prefix), xs:include of sibling documents;
//   - exactly one global element (the message root); every other element is local, named
//     and typed by reference (no anonymous types, no ref=, no default, fixed or nillable);
//   - named simple types that restrict a built-in type with pattern (one), enumeration,
//     minLength, maxLength, minInclusive and maxInclusive facets;
//   - named complex types whose content is an xs:sequence, an xs:choice or an xs:group
//     reference, without attributes; named groups holding a sequence or a choice;
//   - choices whose branches are single required elements;
//   - one xs:any: the optional enveloped XML-DSig signature at the end of the root type.
//
// The mapping (also in schemas/README.md): a complex type becomes an object whose members
// are its elements (groups flattened in place), additionalProperties false; an element
// that may repeat becomes an array with at least one item; an optional element is an
// optional member; a choice becomes oneOf over "required" sets; xs:int and xs:long become
// integers with their bounds; xs:boolean a boolean; everything else a string with the same
// facets, patterns translated to anchored ECMAScript regular expressions. The xs:any
// signature becomes the "Signature" member: a flattened JWS with a detached payload.
package translate
