package exchange

import (
	"bytes"
	"encoding/xml"
	"errors"
	"strconv"
	"strings"
)

// Rule and signature findings are computed on the model, which has no positions; their
// lines come from one more pass over the document, only when a finding needs one. The
// pass computes each element's path the way Path.XPath and the schema step write it, so
// a finding's path is looked up as it is.

// addXMLLines sets the line of every finding in fs that has a path but no line: the line
// of the element the path names or, for an element that is absent (a missing member), of
// its nearest ancestor that is present. doc must have passed the hardened parse.
func addXMLLines(doc []byte, fs []Finding) {
	want := map[string]int{}
	for _, f := range fs {
		if f.Line == 0 && f.Path != "" {
			for p := f.Path; p != ""; p = parentPath(p) {
				want[p] = 0
			}
		}
	}
	if len(want) == 0 {
		return
	}
	elementLines(doc, want)
	for i := range fs {
		f := &fs[i]
		if f.Line != 0 || f.Path == "" {
			continue
		}
		for p := f.Path; p != ""; p = parentPath(p) {
			if n := want[p]; n > 0 {
				f.Line = n
				break
			}
		}
	}
}

// withXMLLines is addXMLLines for the findings of an *InvalidError about XML input.
func withXMLLines(data []byte, f Format, err error) error {
	var inv *InvalidError
	if f == FormatAuto {
		f, _ = Detect(data)
	}
	if f != FormatXML || !errors.As(err, &inv) {
		return err
	}
	if doc, fs := prepareXML(data, Limits{}.withDefaults()); fs == nil {
		addXMLLines(doc, inv.Findings)
	}
	return err
}

func parentPath(p string) string {
	i := strings.LastIndexByte(p, '/')
	if i <= 0 {
		return ""
	}
	return p[:i]
}

// elementLines fills want[path] with the line of the element at path, for the paths
// that are in want, and stops once all are found.
func elementLines(doc []byte, want map[string]int) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	type frame struct {
		path   string
		counts map[xml.Name]int
	}
	stack := []frame{{counts: map[xml.Name]int{}}}
	line, scanned := 1, 0
	left := len(want)
	for left > 0 {
		start := int(d.InputOffset())
		tok, err := d.Token()
		if err != nil {
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			top := &stack[len(stack)-1]
			top.counts[t.Name]++
			path := top.path + "/" + stepName(t.Name)
			if len(stack) > 1 { // the root has no position: a document has one
				path += "[" + strconv.Itoa(top.counts[t.Name]) + "]"
			}
			if n, ok := want[path]; ok && n == 0 {
				line += bytes.Count(doc[scanned:start], []byte{'\n'})
				scanned = start
				want[path] = line
				left--
			}
			stack = append(stack, frame{path: path, counts: map[xml.Name]int{}})
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
}

// stepName is an element's name in a path: its local name, with the prefix ds for the
// XML-DSig namespace, whatever prefix the document uses.
func stepName(n xml.Name) string {
	if n.Space == SignatureNamespace {
		return "ds:" + n.Local
	}
	return n.Local
}
