// Package safexml is the front door for XML: every XML document that
// enters jcx passes through Prepare or PrepareBytes before encoding/xml
// (or etree, or a signature library) sees it.
//
//	text, err := safexml.PrepareBytes(received, safexml.Limits{})
//	if err != nil {
//		var e *safexml.Error
//		errors.As(err, &e) // e.Code() is 3019, 3020 or 3022; e.Msg says what to fix
//	}
//	// text is UTF-8, well-formed, namespace-well-formed and within limits.
//
// # What is refused, and why
//
// A jcx message is data between two states' systems; it has no use for
// the parts of XML that make a parser do things on the sender's behalf.
//
//   - Any DOCTYPE, even an empty one. Without a DTD there are no entity
//     declarations, so no entity expansion bombs, no external entities
//     (file:///etc/passwd) and no parameter entities that fetch URLs. The
//     only entity references accepted are the five predefined ones and
//     character references.
//   - Processing instructions, except the XML declaration at the very
//     start. <?xml-stylesheet?> and its kind instruct whoever displays the
//     document (to fetch and run a stylesheet, say); nothing in a message
//     needs that.
//   - Documents beyond the Limits: total size (checked while reading; at
//     most MaxBytes+1 bytes are read), nesting depth, attributes per
//     element, name length and the size of one text node, attribute
//     value, comment or CDATA section. Depth and token size are checked
//     before encoding/xml buffers anything, so a 200,000-deep nest or a
//     60 MB text node is refused after a few kilobytes or MaxTokenBytes,
//     in memory bounded by the limits rather than by the input.
//   - Text that is not what it claims to be: invalid UTF-8 anywhere
//     (comments included), characters XML forbids (C0 controls, U+FFFE,
//     U+FFFF), unpaired UTF-16 surrogates, bytes a declared legacy charset
//     does not define, and charsets that are unknown or not ASCII-based.
//   - Everything that is not well-formed or not namespace-well-formed:
//     one root element and nothing but comments and whitespace around it,
//     matching tags, no duplicate attributes (by prefixed or by expanded
//     name), every prefix declared, no attempt to undeclare a prefix or
//     rebind xml and xmlns. encoding/xml alone accepts several roots and
//     text after the root, and does not check prefixes; exclusive XML
//     canonicalisation, and so every signature, depends on them.
//
// # Charsets
//
// A document may be UTF-8 (with or without a byte order mark), UTF-16
// with a byte order mark, or any ASCII-based charset that it declares and
// that x/text knows: the IANA registry first, so ISO-8859-1 is Latin-1
// and not windows-1252, then the WHATWG labels. The result is always
// UTF-8 and its declaration, if any, says encoding="UTF-8", so
// encoding/xml reads it without a CharsetReader. Only the label changes;
// line numbers stay. When the input already is UTF-8, PrepareBytes returns
// a subslice of it and copies nothing.
//
// The bytes as received are never modified. Whoever needs them (for the
// receipt digest of the exact request) keeps them: read with ReadLimited,
// then call PrepareBytes.
//
// # Errors
//
// Every refusal is an *Error with a position and a message a person can
// act on, and wraps one sentinel for errors.Is; an error from the caller's
// reader is returned as it is. Codes follow the HI-1 table:
//
//	3019 ErrCharset, ErrInvalidUTF8         the bytes are not readable text
//	3020 everything else                    not an acceptable XML document
//	3022 ErrTooLarge                        larger than Limits.MaxBytes
//
// # How it works
//
// One streaming pass: the first bytes are sniffed for a byte order mark
// and the declaration; the rest flows through an x/text decoder (for
// legacy charsets and UTF-16), through a guard that lexes every byte in
// constant memory and enforces the limits and refusals above, and into an
// encoding/xml Decoder in strict mode that checks the rest of
// well-formedness token by token.
//
// A UTF-8 document given to PrepareBytes, the common case, takes a
// shorter road: the guard's lexer, with the checks encoding/xml would
// make hooked into it (names, matching tags, comments, "]]>" in text,
// namespaces), runs over the bytes in place and nothing tokenises them a
// second time. A differential test and fuzz target hold the two roads to
// the same verdict on every document; the rare document whose verdict
// depends on encoding/xml's Unicode name tables (a non-ASCII name) or on
// a decoded namespace URI (a reference in xmlns) takes the long road.
package safexml
