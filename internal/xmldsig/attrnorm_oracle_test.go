package xmldsig

import "bytes"

// normalizeAttributes (for the test oracle, which reads documents with
// etree) applies XML 1.0 attribute-value normalization (§3.3.3
// after §2.11 line-end handling) that encoding/xml leaves out: inside
// attribute values, each literal CR LF, CR, LF or TAB becomes one space.
// Character references such as &#10; are untouched, as the rule requires.
// Without this, a document with a line break inside an attribute value
// canonicalizes differently here than in xmlsec1 and every other
// conforming implementation.
//
// It works on the bytes before parsing: a small lexer that knows where
// attribute values are (inside tags, between quotes; not in text,
// comments, CDATA sections or processing instructions). doc is returned
// unchanged, without a copy, when nothing needs normalizing. The lexer
// relies on the markup characters being ASCII, which holds for UTF-8 and
// every charset encoding/xml can be made to read.
func normalizeAttributes(doc []byte) []byte {
	var out []byte // allocated on the first change
	last := 0      // doc[:last] is already in out
	i := 0
	for i < len(doc) {
		if doc[i] != '<' {
			i++
			continue
		}
		rest := doc[i:]
		var end []byte
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			end = []byte("-->")
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			end = []byte("]]>")
		case bytes.HasPrefix(rest, []byte("<?")):
			end = []byte("?>")
		case bytes.HasPrefix(rest, []byte("<!")):
			end = []byte(">") // declarations are refused by scan anyway
		}
		if end != nil {
			j := bytes.Index(rest[1:], end)
			if j < 0 {
				break // malformed: the parser will say so
			}
			i += 1 + j + len(end)
			continue
		}
		// A start or end tag: walk to its closing '>' outside quotes.
		i++
		for i < len(doc) && doc[i] != '>' {
			q := doc[i]
			i++
			if q != '"' && q != '\'' {
				continue
			}
			for i < len(doc) && doc[i] != q {
				if c := doc[i]; c == '\t' || c == '\n' || c == '\r' {
					out = append(out, doc[last:i]...)
					out = append(out, ' ')
					if c == '\r' && i+1 < len(doc) && doc[i+1] == '\n' {
						i++ // CR LF is one line end, hence one space
					}
					last = i + 1
				}
				i++
			}
			i++ // closing quote
		}
	}
	if out == nil {
		return doc
	}
	return append(out, doc[last:]...)
}
