package exchange_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/internal/testtool"
)

// Every finding names a node a vendor can find: its path resolves in the message it was
// found in, and on XML the finding's line is that node's line. A path may name a member
// that is absent only when the finding is about its absence (3005, 8001); its parent
// must then exist, and the line is the parent's. The evaluator below knows nothing of
// Path: it reads the path as the docs describe it.

// absenceCodes are the codes whose finding may name a member that is not there: a
// required member, the signature, the legal basis.
var absenceCodes = map[exchange.ErrorCode]bool{exchange.CodeMissing: true, exchange.CodeSignatureRequired: true, exchange.CodeLegalBasis: true}

func TestFindingPathsResolve(t *testing.T) {
	files, err := filepath.Glob("../testdata/messages/invalid/*")
	if err != nil {
		t.Fatal(err)
	}
	var checked int
	for _, file := range files {
		ext := filepath.Ext(file)
		if ext != ".xml" && ext != ".json" {
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		r := exchange.NewValidator(exchange.Options{RefuseElapsedDeadlines: true}).Validate(data, exchange.FormatAuto)
		for _, f := range r.Findings {
			if f.Path == "" {
				continue
			}
			checked++
			if err := resolveFinding(data, r.Format, f); err != nil {
				t.Errorf("%s: %v: %v", filepath.Base(file), f, err)
			}
		}
	}
	if checked < 60 {
		t.Errorf("only %d findings with a path among the invalid fixtures", checked)
	}
	t.Logf("%d finding paths resolve", checked)
}

// TestSignatureFindingPathsResolve covers the signature findings, which no fixture in
// testdata carries: unsigned, tampered and untrusted messages in both encodings.
func TestSignatureFindingPathsResolve(t *testing.T) {
	ids := newTestIdentities(t)
	for _, f := range []exchange.Format{exchange.FormatXML, exchange.FormatJSON} {
		plain, sign := sampleSigning(t, ids, f)
		for name, data := range map[string][]byte{
			"unsigned":        plain,
			"tampered":        bytes.Replace(sign(ids.fr), []byte("pj-paris"), []byte("pj-lyon!"), 1),
			"untrusted":       sign(ids.outsider),
			"not the sender":  sign(ids.de),
			"signature value": tamperSignatureValue(t, sign(ids.fr), f),
		} {
			_, err := exchange.Verify(data, f, exchange.VerifyOptions{Trust: ids.bundle})
			var inv *exchange.InvalidError
			if !errors.As(err, &inv) {
				t.Fatalf("%s %s: Verify = %v, want findings", f, name, err)
			}
			for _, fd := range inv.Findings {
				if err := resolveFinding(data, f, fd); err != nil {
					t.Errorf("%s %s: %v: %v", f, name, fd, err)
				}
			}
		}
	}
}

// tamperSignatureValue flips one character of the signature value itself.
func tamperSignatureValue(t *testing.T, data []byte, f exchange.Format) []byte {
	t.Helper()
	at := []byte("<ds:SignatureValue>")
	if f == exchange.FormatJSON {
		at = []byte(`"signature":"`)
	}
	i := bytes.Index(data, at)
	if i < 0 {
		t.Fatalf("no %s in the signed message", at)
	}
	out := bytes.Clone(data)
	j := i + len(at) + 4
	if out[j] == 'A' {
		out[j] = 'B'
	} else {
		out[j] = 'A'
	}
	return out
}

func resolveFinding(data []byte, f exchange.Format, fd exchange.Finding) error {
	if f == exchange.FormatJSON {
		return resolvePointer(data, fd)
	}
	root, err := parseXMLTree(data)
	if err != nil {
		return err
	}
	n, missing, err := evalXPath(root, fd.Path)
	if err != nil {
		return err
	}
	switch {
	case missing > 1 || missing == 1 && !absenceCodes[fd.Code]:
		return fmt.Errorf("the path names no node (%d steps unresolved)", missing)
	case fd.Line != n.line:
		return fmt.Errorf("line %d, the node is on line %d", fd.Line, n.line)
	}
	return nil
}

// xmlNode is an element of the tree the evaluator walks.
type xmlNode struct {
	name     xml.Name
	attrs    []xml.Attr
	line     int
	children []*xmlNode
}

func parseXMLTree(data []byte) (*xmlNode, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) { return r, nil }
	top := &xmlNode{}
	stack := []*xmlNode{top}
	for {
		off := d.InputOffset()
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &xmlNode{name: t.Name, attrs: t.Attr, line: 1 + bytes.Count(data[:off], []byte{'\n'})}
			parent := stack[len(stack)-1]
			parent.children = append(parent.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
	if len(top.children) != 1 {
		return nil, errors.New("no root element")
	}
	return top, nil
}

// evalXPath evaluates the subset of XPath that findings use: /Root, then steps
// Name[n] (the n-th child with that local name; the prefix ds: names the XML-DSig
// namespace), optionally ending in @attr. It returns the deepest node reached and how
// many steps did not resolve.
func evalXPath(top *xmlNode, path string) (*xmlNode, int, error) {
	if !strings.HasPrefix(path, "/") {
		return nil, 0, fmt.Errorf("%q is not an absolute path", path)
	}
	steps := strings.Split(path[1:], "/")
	n := top
	for i, s := range steps {
		if a, ok := strings.CutPrefix(s, "@"); ok {
			if i != len(steps)-1 {
				return nil, 0, fmt.Errorf("attribute step %q is not last", s)
			}
			for _, at := range n.attrs {
				if at.Name.Local == a {
					return n, 0, nil
				}
			}
			return n, 1, nil
		}
		name, pos := s, 1
		if k := strings.IndexByte(s, '['); k >= 0 {
			p, err := strconv.Atoi(strings.TrimSuffix(s[k+1:], "]"))
			if err != nil || !strings.HasSuffix(s, "]") || p < 1 {
				return nil, 0, fmt.Errorf("step %q: bad position", s)
			}
			name, pos = s[:k], p
		} else if i > 0 {
			return nil, 0, fmt.Errorf("step %q below the root has no position", s)
		}
		ns := ""
		if local, ok := strings.CutPrefix(name, "ds:"); ok {
			name, ns = local, exchange.SignatureNamespace
		} else if strings.Contains(name, ":") {
			return nil, 0, fmt.Errorf("step %q: unknown prefix", s)
		}
		var next *xmlNode
		seen := 0
		for _, c := range n.children {
			if c.name.Local == name && (ns == "" && c.name.Space != exchange.SignatureNamespace || c.name.Space == ns) {
				if seen++; seen == pos {
					next = c
					break
				}
			}
		}
		if next == nil {
			return n, len(steps) - i, nil
		}
		n = next
	}
	return n, 0, nil
}

// resolvePointer evaluates an RFC 6901 JSON Pointer over the decoded message.
func resolvePointer(data []byte, fd exchange.Finding) error {
	var v any
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		// Text that is not JSON has no tree to resolve in; the finding must then
		// carry the line of the syntax error.
		if fd.Line == 0 {
			return fmt.Errorf("not JSON (%v) and no line", err)
		}
		return nil
	}
	if !strings.HasPrefix(fd.Path, "/") {
		return fmt.Errorf("%q is not a JSON Pointer", fd.Path)
	}
	segs := strings.Split(fd.Path[1:], "/")
	for i, s := range segs {
		s = strings.NewReplacer("~1", "/", "~0", "~").Replace(s)
		var ok bool
		switch x := v.(type) {
		case map[string]any:
			v, ok = x[s]
		case []any:
			k, err := strconv.Atoi(s)
			if ok = err == nil && k >= 0 && k < len(x); ok {
				v = x[k]
			}
		}
		if !ok {
			if i == len(segs)-1 && absenceCodes[fd.Code] {
				return nil
			}
			return fmt.Errorf("segment %d (%q) names no member", i+1, s)
		}
	}
	return nil
}

// TestFindingPathsXmllint has xmllint, an XPath 1.0 tool, evaluate the XML findings'
// paths as the docs say to: each step as *[local-name()='Name'][n].
func TestFindingPathsXmllint(t *testing.T) {
	testtool.Need(t, "xmllint", "libxml2-utils")
	files, _ := filepath.Glob("../testdata/messages/invalid/rule-*.xml")
	more, _ := filepath.Glob("../testdata/messages/invalid/schema-*.xml")
	files = append(files, more...)
	var checked int
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		r := exchange.Validate(data, exchange.FormatXML)
		for _, f := range r.Findings {
			if f.Path == "" || absenceCodes[f.Code] {
				continue
			}
			expr := "count(" + localNameXPath(f.Path) + ")"
			out, err := exec.Command("xmllint", "--xpath", expr, file).CombinedOutput()
			if err != nil || strings.TrimSpace(string(out)) != "1" {
				t.Errorf("%s: %v: xmllint --xpath %q = %q (%v), want 1", filepath.Base(file), f, expr, out, err)
			}
			checked++
		}
	}
	if checked < 20 {
		t.Errorf("xmllint evaluated only %d paths", checked)
	}
}

// localNameXPath writes a finding's path for an XPath 1.0 tool without namespace
// bindings, as docs/errors.md shows.
func localNameXPath(p string) string {
	var b strings.Builder
	for _, s := range strings.Split(p[1:], "/") {
		b.WriteByte('/')
		if a, ok := strings.CutPrefix(s, "@"); ok {
			fmt.Fprintf(&b, "@*[local-name()='%s']", a)
			continue
		}
		name, pos, _ := strings.Cut(s, "[")
		ns := ""
		if local, ok := strings.CutPrefix(name, "ds:"); ok {
			name, ns = local, " and namespace-uri()='"+exchange.SignatureNamespace+"'"
		}
		fmt.Fprintf(&b, "*[local-name()='%s'%s]", name, ns)
		if pos != "" {
			b.WriteString("[" + pos)
		}
	}
	return b.String()
}
