package exchange

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
)

// Rule and signature findings are computed on the model, which has no positions; their
// lines and columns come from one more pass over the document, only when a finding needs
// them. The pass computes each element's path the way Path.XPath and the schema step
// write it, so a finding's path is looked up as it is.

// position is where an element's start tag begins: its line and the 1-based byte offset
// of its '<' within that line.
type position struct{ line, column int }

// addXMLLines sets the line and column of every finding in fs that has a path but no line:
// those of the element the path names or, for an element that is absent (a missing
// member), of its nearest ancestor that is present. A finding that has a line but no
// column (the schema step gives lines only) gets the column of that element when the
// element starts on its line. doc must have passed the hardened parse.
func addXMLLines(doc []byte, fs []Finding) {
	want := map[string]position{}
	for _, f := range fs {
		if f.Path != "" && f.Column == 0 {
			for p := f.Path; p != ""; p = parentPath(p) {
				want[p] = position{}
			}
		}
	}
	if len(want) == 0 {
		return
	}
	elementPositions(doc, want)
	for i := range fs {
		f := &fs[i]
		if f.Column != 0 || f.Path == "" {
			continue
		}
		for p := f.Path; p != ""; p = parentPath(p) {
			at := want[p]
			if at.line == 0 {
				continue
			}
			if f.Line == 0 {
				f.Line = at.line
			}
			if f.Line == at.line {
				f.Column = at.column
			}
			break
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

// elementPositions fills want[path] with the position of the element at path, for the paths
// that are in want, and stops once all are found. want holds every ancestor of a path it
// holds, so only the children of wanted elements are looked at, and a child is given a
// path only when its name and position are wanted: a wide document costs a count per
// element, not a string.
func elementPositions(doc []byte, want map[string]position) {
	// wanted[parent][name] is the set of positions of the wanted children called name
	// of the element at parent ("" for the document; the root has position 0).
	wanted := map[string]map[string]map[int]bool{}
	for p := range want {
		parent := parentPath(p)
		name, pos, _ := strings.Cut(p[len(parent)+1:], "[")
		n, _ := strconv.Atoi(strings.TrimSuffix(pos, "]"))
		if wanted[parent] == nil {
			wanted[parent] = map[string]map[int]bool{}
		}
		if wanted[parent][name] == nil {
			wanted[parent][name] = map[int]bool{}
		}
		wanted[parent][name][n] = true
	}
	type frame struct {
		path   string
		names  map[string]map[int]bool // wanted[path]
		counts map[string]int
	}
	stack := []frame{{names: wanted[""]}}
	line, scanned, lineStart := 1, 0, 0
	left := len(want)
	scanXML(doc, func(depth int, space string, local []byte, at int) scanStep {
		stack = stack[:depth+1]
		top := &stack[depth]
		names := top.names
		var positions map[int]bool
		var name string
		if space == SignatureNamespace {
			name = "ds:" + string(local)
			positions = names[name]
		} else if positions = names[string(local)]; positions != nil {
			name = string(local)
		}
		if positions == nil {
			return scanSkip
		}
		path := top.path + "/" + name
		if depth > 0 { // the root has no position: a document has one
			if top.counts == nil {
				top.counts = map[string]int{}
			}
			top.counts[name]++
			if !positions[top.counts[name]] {
				return scanSkip
			}
			path += "[" + strconv.Itoa(top.counts[name]) + "]"
		}
		if p, ok := want[path]; ok && p.line == 0 {
			if n := bytes.Count(doc[scanned:at], []byte{'\n'}); n > 0 {
				line += n
				lineStart = scanned + bytes.LastIndexByte(doc[scanned:at], '\n') + 1
			}
			scanned = at
			want[path] = position{line, at - lineStart + 1}
			if left--; left == 0 {
				return scanStop
			}
		}
		stack = append(stack, frame{path: path, names: wanted[path]})
		return scanChildren
	})
}
