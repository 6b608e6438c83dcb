package exchange

import (
	"bytes"
	"strings"
)

// scanXML walks the start tags of a document that has passed the hardened parse (so it
// is well-formed UTF-8 with no DOCTYPE), for the line of a finding and for a signature's
// presence. It reads tags only — no text, no entity — and resolves element prefixes, so
// a pass costs a few bytes' comparisons per byte where encoding/xml builds every token:
// at the size limit, tens of milliseconds rather than seconds.
//
// visit gets each element's depth (the root is 0), namespace, local name (a slice of
// doc) and the offset of its '<', and says what to do next.
func scanXML(doc []byte, visit func(depth int, space string, local []byte, at int) scanStep) {
	type binding struct {
		prefix, uri string
		depth       int
	}
	var scope []binding
	resolve := func(prefix []byte) string {
		for i := len(scope) - 1; i >= 0; i-- {
			if scope[i].prefix == string(prefix) {
				return scope[i].uri
			}
		}
		if string(prefix) == "xml" {
			return "http://www.w3.org/XML/1998/namespace"
		}
		return ""
	}
	depth, skipUntil := 0, -1 // inside a skipped subtree while depth > skipUntil ≥ 0
	for i := 0; i < len(doc); {
		j := bytes.IndexByte(doc[i:], '<')
		if j < 0 {
			return
		}
		at := i + j
		rest := doc[at:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			i = skipPast(doc, at+4, "-->")
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			i = skipPast(doc, at+9, "]]>")
			continue
		case bytes.HasPrefix(rest, []byte("<?")):
			i = skipPast(doc, at+2, "?>")
			continue
		case bytes.HasPrefix(rest, []byte("<!")):
			i = skipPast(doc, at+2, ">")
			continue
		case bytes.HasPrefix(rest, []byte("</")):
			depth--
			for len(scope) > 0 && scope[len(scope)-1].depth >= depth {
				scope = scope[:len(scope)-1]
			}
			if depth == skipUntil {
				skipUntil = -1
			}
			i = skipPast(doc, at+2, ">")
			continue
		}
		// A start tag: its name, then attributes up to '>' or "/>", quoted values
		// skipped whole since they may hold '>'.
		k := at + 1
		for k < len(doc) && !isTagSpace(doc[k]) && doc[k] != '>' && doc[k] != '/' {
			k++
		}
		qname := doc[at+1 : k]
		empty := false
		skipping := skipUntil >= 0
		for k < len(doc) {
			c := doc[k]
			switch {
			case c == '>':
				k++
				goto tagEnd
			case c == '/':
				empty = true
				k++
			case c == '"' || c == '\'':
				end := bytes.IndexByte(doc[k+1:], c)
				if end < 0 {
					return
				}
				k += end + 2
			case isTagSpace(c):
				k++
			default:
				// An attribute name, its '=' and value.
				n := k
				for n < len(doc) && doc[n] != '=' && !isTagSpace(doc[n]) {
					n++
				}
				name := string(doc[k:n])
				q := n
				for q < len(doc) && doc[q] != '"' && doc[q] != '\'' {
					q++
				}
				if q >= len(doc) {
					return
				}
				end := bytes.IndexByte(doc[q+1:], doc[q])
				if end < 0 {
					return
				}
				if !skipping && (name == "xmlns" || strings.HasPrefix(name, "xmlns:")) {
					_, prefix, _ := strings.Cut(name, ":")
					scope = append(scope, binding{prefix, string(doc[q+1 : q+1+end]), depth})
				}
				k = q + end + 2
			}
		}
		return
	tagEnd:
		i = k
		if skipping {
			if !empty {
				depth++
			}
			continue
		}
		prefix, local, ok := bytes.Cut(qname, []byte{':'})
		if !ok {
			prefix, local = nil, qname
		}
		next := visit(depth, resolve(prefix), local, at)
		if next == scanStop {
			return
		}
		walk := next == scanChildren
		if empty {
			for len(scope) > 0 && scope[len(scope)-1].depth >= depth {
				scope = scope[:len(scope)-1]
			}
			continue
		}
		if !walk {
			skipUntil = depth
		}
		depth++
	}
}

// scanStep is what scanXML does after an element's start tag.
type scanStep int

const (
	scanChildren scanStep = iota // walk the element's children
	scanSkip                     // skip them, go on after the element
	scanStop                     // end the walk
)

// skipPast returns the offset just after the first end at or after i, or len(doc).
func skipPast(doc []byte, i int, end string) int {
	if n := bytes.Index(doc[i:], []byte(end)); n >= 0 {
		return i + n + len(end)
	}
	return len(doc)
}

func isTagSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
