package exchange

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

func jsonUnmarshalAny(data []byte) (any, error) {
	return jsonschema.UnmarshalJSON(bytes.NewReader(data))
}

// element is one start tag seen in document order.
type element struct {
	space, local string
	path         string // XPath with positions of repeated elements
	line         int
	text         bool // non-space character data directly inside an element that has children
}

// outline lists a document's elements in order; the enveloped ds:Signature and everything
// inside it is left out, since it belongs to the encoding and not to the model.
func outline(doc []byte) ([]element, []Finding) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	var (
		out   []element
		stack []int // index into out of each open element
		// counts[depth][name] numbers siblings, for XPath positions.
		counts  []map[string]int
		skip    int
		hasKids []bool
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			line, _ := d.InputPos()
			return nil, []Finding{{Code: CodeSchema, Line: line, Message: err.Error()}}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 {
				skip++
				continue
			}
			if t.Name.Space == SignatureNamespace && t.Name.Local == "Signature" && len(stack) == 1 {
				skip = 1
				continue
			}
			line, _ := d.InputPos()
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
					continue
				}
				return nil, []Finding{{Code: CodeSchema, Line: line, Path: pathOf(out, stack) + "/@" + a.Name.Local,
					Message: fmt.Sprintf("attribute %q is not allowed: the format uses elements only", a.Name.Local)}}
			}
			depth := len(stack)
			for len(counts) <= depth {
				counts = append(counts, map[string]int{})
			}
			if depth > 0 {
				hasKids[depth-1] = true
			}
			counts[depth][t.Name.Local]++
			parent := ""
			if depth > 0 {
				parent = out[stack[depth-1]].path
			}
			out = append(out, element{
				space: t.Name.Space, local: t.Name.Local, line: line,
				path: fmt.Sprintf("%s/%s[%d]", parent, t.Name.Local, counts[depth][t.Name.Local]),
			})
			stack = append(stack, len(out)-1)
			hasKids = append(hasKids[:depth], false)
			if depth+1 < len(counts) {
				counts[depth+1] = map[string]int{}
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if skip == 0 && len(stack) > 0 && len(bytes.TrimSpace(t)) > 0 {
				out[stack[len(stack)-1]].text = true
			}
		}
	}
}

func pathOf(out []element, stack []int) string {
	if len(stack) == 0 {
		return ""
	}
	return out[stack[len(stack)-1]].path
}

// sameStructure checks that re-encoding the decoded model reproduces the input's elements:
// anything the model did not take (an unknown, misplaced or foreign-namespace element, an
// empty optional element) is reported instead of silently dropped.
func sameStructure(in, reencoded []byte) []Finding {
	a, fs := outline(in)
	if fs != nil {
		return fs
	}
	b, fs := outline(reencoded)
	if fs != nil {
		return fs
	}
	isLeaf := func(es []element, i int) bool {
		return i+1 >= len(es) || !strings.HasPrefix(es[i+1].path, es[i].path+"/")
	}
	for i := range a {
		if i >= len(b) {
			return []Finding{{Code: CodeSchema, Line: a[i].line, Path: simplify(a[i].path),
				Message: fmt.Sprintf("element %s is not allowed here", qname(a[i]))}}
		}
		if a[i].space != b[i].space || a[i].local != b[i].local || a[i].path != b[i].path {
			msg := fmt.Sprintf("element %s is not allowed here; expected %s", qname(a[i]), qname(b[i]))
			if a[i].local == b[i].local && a[i].space != b[i].space {
				msg = fmt.Sprintf("element %s is in the wrong namespace; expected {%s}", qname(a[i]), b[i].space)
			}
			return []Finding{{Code: CodeSchema, Line: a[i].line, Path: simplify(a[i].path), Message: msg}}
		}
		if a[i].text && !isLeaf(a, i) {
			return []Finding{{Code: CodeSchema, Line: a[i].line, Path: simplify(a[i].path),
				Message: fmt.Sprintf("element %s has text beside its child elements; only leaf elements carry text", qname(a[i]))}}
		}
	}
	if len(b) > len(a) {
		last := b[len(a)]
		return []Finding{{Code: CodeSchema, Path: simplify(last.path), Message: fmt.Sprintf("element %s is missing", last.local)}}
	}
	return nil
}

func qname(e element) string {
	if e.space == "" {
		return e.local
	}
	return "{" + e.space + "}" + e.local
}

// simplify drops the [1] positions of elements that do not repeat, so paths read like the
// ones the JSON Schema step produces.
func simplify(p string) string {
	return strings.ReplaceAll(p, "[1]", "")
}
