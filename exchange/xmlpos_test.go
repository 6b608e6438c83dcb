package exchange

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// positionsByXML names every element of doc by its path, as Path.XPath and the schema step
// write it, and places it with encoding/xml.
func positionsByXML(doc []byte) map[string]position {
	out := map[string]position{}
	type frame struct {
		path   string
		counts map[string]int
	}
	stack := []frame{{}}
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		at := int(d.InputOffset())
		tok, err := d.Token()
		if err != nil {
			return out
		}
		switch e := tok.(type) {
		case xml.StartElement:
			name := e.Name.Local
			if e.Name.Space == SignatureNamespace {
				name = "ds:" + name
			}
			top := &stack[len(stack)-1]
			path := top.path + "/" + name
			if len(stack) > 1 {
				if top.counts == nil {
					top.counts = map[string]int{}
				}
				top.counts[name]++
				path += "[" + strconv.Itoa(top.counts[name]) + "]"
			}
			lineStart := bytes.LastIndexByte(doc[:at], '\n') + 1
			out[path] = position{1 + bytes.Count(doc[:at], []byte{'\n'}), at - lineStart + 1}
			stack = append(stack, frame{path: path})
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
}

func TestFindingPositions(t *testing.T) {
	doc := []byte("<a>é<b>\r\n\t<c/><c/></b>\n  <e x=\"1\"/></a>")
	for _, tc := range []struct {
		name       string
		in         Finding
		line, cole int
	}{
		{"element after a two-byte character", Finding{Path: "/a/b[1]"}, 1, 6},
		{"second of a name after a tab", Finding{Path: "/a/b[1]/c[2]"}, 2, 6},
		{"missing member: its parent", Finding{Path: "/a/b[1]/Missing[1]"}, 1, 6},
		{"the root", Finding{Path: "/a"}, 1, 1},
		{"indented", Finding{Path: "/a/e[1]"}, 3, 3},
		{"a line already given, the element on it", Finding{Path: "/a/e[1]", Line: 3}, 3, 3},
		// A line from elsewhere that is not the element's: kept, and no column is made up.
		{"a line already given, another one", Finding{Path: "/a/e[1]", Line: 2}, 2, 0},
		{"no path", Finding{}, 0, 0},
		{"a path that is not in the document", Finding{Path: "/z/y[1]"}, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := []Finding{tc.in}
			addXMLLines(doc, fs)
			if fs[0].Line != tc.line || fs[0].Column != tc.cole {
				t.Fatalf("line %d column %d, want line %d column %d", fs[0].Line, fs[0].Column, tc.line, tc.cole)
			}
		})
	}
}

// Every finding jcx gives about an invalid fixture that has a column points at the '<' of
// a start tag, at that line and byte column of the file.
func TestFindingColumnsPointAtTags(t *testing.T) {
	files, _ := filepath.Glob("../testdata/messages/invalid/*.xml")
	columns := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, fd := range Validate(data, FormatXML).Findings {
			if fd.Column == 0 {
				continue
			}
			if fd.Line == 0 {
				t.Errorf("%s: %v has a column without a line", filepath.Base(f), fd)
				continue
			}
			lines := bytes.Split(data, []byte("\n"))
			if fd.Line > len(lines) || fd.Column > len(lines[fd.Line-1]) || lines[fd.Line-1][fd.Column-1] != '<' {
				t.Errorf("%s: %v does not point at a start tag", filepath.Base(f), fd)
				continue
			}
			columns++
		}
	}
	if columns < 20 {
		t.Fatalf("%d findings with a column over the invalid fixtures, want at least 20", columns)
	}
}

// A column is a new member of a finding's JSON form, left out when unknown, so that output
// read before it existed reads the same.
func TestFindingColumnJSONAndText(t *testing.T) {
	for _, tc := range []struct {
		f          Finding
		json, text string
	}{
		{Finding{Code: 3020, Path: "/Message", Message: "m"}, `{"code":3020,"path":"/Message","message":"m"}`, "3020 /Message: m"},
		{Finding{Code: 3020, Path: "/Message", Line: 2, Message: "m"}, `{"code":3020,"path":"/Message","line":2,"message":"m"}`, "3020 /Message (line 2): m"},
		{Finding{Code: 3020, Path: "/Message", Line: 2, Column: 5, Message: "m"}, `{"code":3020,"path":"/Message","line":2,"column":5,"message":"m"}`, "3020 /Message (line 2, column 5): m"},
	} {
		b, err := json.Marshal(tc.f)
		if err != nil || string(b) != tc.json {
			t.Errorf("json %s, %v; want %s", b, err, tc.json)
		}
		var back Finding
		if err := json.Unmarshal(b, &back); err != nil || back != tc.f {
			t.Errorf("%s reads back as %+v, %v", b, back, err)
		}
		if s := tc.f.String(); s != tc.text || !strings.HasPrefix(s, "3020") {
			t.Errorf("String() = %q, want %q", s, tc.text)
		}
	}
}
