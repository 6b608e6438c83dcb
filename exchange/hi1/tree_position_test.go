package hi1

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
)

// Every element parseTree reads is placed at the line and byte column of its start tag:
// the '<' there is followed by the element's name as written. Multi-byte characters, tabs
// and CR LF line ends before an element show that the column counts bytes on the line.
func TestTreePositions(t *testing.T) {
	docs := map[string][]byte{
		"seed": []byte("<HI1Message xmlns=\"" + NSCore + "\">é€<Header>\r\n\t<SenderIdentifier/>😀<x:Y xmlns:x=\"urn:x\"/></Header></HI1Message>"),
	}
	for _, name := range []string{filepath.Join("testdata", "request.xml"), filepath.Join("testdata", "response.xml"), filepath.Join("testdata", "sign", "request.xml")} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		docs[name] = data
	}
	if n := checkTreePositions(t, docs); n < 20 {
		t.Fatalf("checked %d elements, want at least 20", n)
	}
	t.Run("ETSI examples", func(t *testing.T) {
		_, files := etsiExamples(t)
		docs := map[string][]byte{}
		for _, name := range files {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			docs[filepath.Base(name)] = data
		}
		if n := checkTreePositions(t, docs); n < 500 {
			t.Fatalf("checked %d elements, want at least 500", n)
		}
	})
}

func checkTreePositions(t *testing.T, docs map[string][]byte) int {
	elements := 0
	for name, data := range docs {
		doc, fs := prepare(data, exchange.Limits{})
		if fs != nil {
			t.Fatalf("%s: %v", name, fs)
		}
		root, err := parseTree(doc)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		lines := bytes.Split(doc, []byte("\n"))
		var walk func(n *node)
		walk = func(n *node) {
			elements++
			qname := n.local
			if n.prefix != "" {
				qname = n.prefix + ":" + n.local
			}
			if n.line < 1 || n.line > len(lines) || n.column < 1 || !bytes.HasPrefix(lines[n.line-1][n.column-1:], []byte("<"+qname)) {
				t.Errorf("%s: %s placed at line %d, column %d", name, n.path, n.line, n.column)
			}
			for _, c := range n.content {
				if c.el != nil {
					walk(c.el)
				}
			}
		}
		walk(root)
	}
	return elements
}
