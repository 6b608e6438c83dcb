package safexml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRefuse(t *testing.T) {
	tests := []struct {
		file string
		want error
	}{
		{"billion-laughs.xml", ErrDoctype},
		{"xxe-file.xml", ErrDoctype},
		{"xxe-parameter.xml", ErrDoctype},
		{"doctype-system.xml", ErrDoctype},
		{"doctype-after-comment.xml", ErrDoctype},
		{"entity-undeclared.xml", ErrEntity},
		{"entity-in-attribute.xml", ErrEntity},
		{"stylesheet-pi.xml", ErrProcInst},
		{"pi-in-body.xml", ErrProcInst},
		{"decl-not-first.xml", ErrSyntax},
		{"decl-malformed.xml", ErrSyntax},
		{"version-1.1.xml", ErrSyntax},
		{"trailing-element.xml", ErrSyntax},
		{"trailing-text.xml", ErrSyntax},
		{"leading-text.xml", ErrSyntax},
		{"no-root.xml", ErrSyntax},
		{"empty.xml", ErrSyntax},
		{"unclosed.xml", ErrSyntax},
		{"mismatched.xml", ErrSyntax},
		{"duplicate-attribute.xml", ErrSyntax},
		{"duplicate-expanded-attribute.xml", ErrSyntax},
		{"undeclared-prefix.xml", ErrSyntax},
		{"undeclared-attr-prefix.xml", ErrSyntax},
		{"undeclare-prefix.xml", ErrSyntax},
		{"cdata-outside-root.xml", ErrSyntax},
		{"control-char.xml", ErrSyntax},
		{"control-char-in-comment.xml", ErrSyntax},
		{"nonchar-fffe.xml", ErrSyntax},
		{"markup-declaration.xml", ErrSyntax},
		{"attr-unquoted.xml", ErrSyntax},
		{"attr-no-space.xml", ErrSyntax},
		{"lt-in-attr.xml", ErrSyntax},
		{"bare-ampersand.xml", ErrSyntax},
		{"bad-char-ref.xml", ErrSyntax},
		{"char-ref-surrogate.xml", ErrSyntax},
		{"char-ref-too-big.xml", ErrSyntax},
		{"bad-qname.xml", ErrSyntax},
		{"bad-prefix-declaration.xml", ErrSyntax},
		{"bad-local-name.xml", ErrSyntax},
		{"utf8-invalid-lead.xml", ErrInvalidUTF8},
		{"utf8-invalid-in-comment.xml", ErrInvalidUTF8},
		{"utf8-invalid-in-name.xml", ErrInvalidUTF8},
		{"utf8-invalid-in-attr.xml", ErrInvalidUTF8},
		{"utf8-overlong.xml", ErrInvalidUTF8},
		{"utf8-truncated-at-end.xml", ErrInvalidUTF8},
		{"utf8-declared-latin1-bytes.xml", ErrInvalidUTF8},
		{"charset-unknown.xml", ErrCharset},
		{"charset-utf16-no-bom.xml", ErrCharset},
		{"charset-ebcdic-declared.xml", ErrCharset},
		{"charset-bom-conflict.xml", ErrCharset},
		{"charset-windows-1252-undefined-byte.xml", ErrCharset},
		{"charset-ascii-high-byte.xml", ErrCharset},
		{"utf16le-lone-surrogate.xml", ErrCharset},
		{"utf16-no-bom.xml", ErrCharset},
		{"utf16-declares-utf8.xml", ErrCharset},
		{"utf32.xml", ErrCharset},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			data := readFile(t, filepath.Join("testdata", "refuse", tt.file))
			for name, prep := range entryPoints {
				out, err := prep(data, Limits{})
				if err == nil {
					t.Fatalf("%s accepted the document; returned %q", name, out)
				}
				if !errors.Is(err, tt.want) {
					t.Fatalf("%s: got %v, want %v", name, err, tt.want)
				}
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("%s: %T is not an *Error", name, err)
				}
				if e.Code() != codeOf(tt.want) {
					t.Errorf("%s: code %d, want %d", name, e.Code(), codeOf(tt.want))
				}
				if e.Msg == "" || strings.Contains(e.Msg, "%!") {
					t.Errorf("%s: bad message %q", name, e.Msg)
				}
				t.Logf("%s: %v", name, err)
			}
		})
	}
}

func TestRefuseMessages(t *testing.T) {
	data := readFile(t, filepath.Join("testdata", "refuse", "xxe-file.xml"))
	_, err := PrepareBytes(data, Limits{})
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v", err)
	}
	if e.Line != 2 || e.Column != 1 || !strings.Contains(e.Msg, "remove the <!DOCTYPE …> at line 2") {
		t.Errorf("got line %d column %d %q", e.Line, e.Column, e.Msg)
	}
	_, err = PrepareBytes([]byte("<a>\n  <b>x\xffy</b></a>"), Limits{})
	if !errors.As(err, &e) || e.Line != 2 || e.Column != 7 {
		t.Errorf("invalid UTF-8 position: %v (line %d column %d), want line 2 column 7", err, e.Line, e.Column)
	}
}

func TestAccept(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "accept", "*.xml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no accept cases: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			data := readFile(t, file)
			orig := bytes.Clone(data)
			var outs [][]byte
			for name, prep := range entryPoints {
				out, err := prep(data, Limits{})
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if !utf8.Valid(out) {
					t.Fatalf("%s: output is not UTF-8: %q", name, out)
				}
				outs = append(outs, out)
			}
			if !bytes.Equal(outs[0], outs[1]) {
				t.Fatalf("entry points disagree:\n%q\n%q", outs[0], outs[1])
			}
			if !bytes.Equal(data, orig) {
				t.Fatal("the input was modified")
			}
			text := rootText(t, outs[0])
			if want, err := os.ReadFile(strings.TrimSuffix(file, ".xml") + ".text"); err == nil {
				if text != string(want) {
					t.Errorf("root text %q, want %q", text, want)
				}
			}
			// Preparing prepared output changes nothing.
			again, err := PrepareBytes(outs[0], Limits{})
			if err != nil || !bytes.Equal(again, outs[0]) {
				t.Errorf("not idempotent: %v", err)
			}
		})
	}
}

func TestNoCopyForUTF8(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		skip int
	}{
		{"<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>é</a>", 0},
		{"<a/>", 0},
		{"\ufeff<a/>", 3},
	} {
		data := []byte(tc.doc)
		out, err := PrepareBytes(data, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if &out[0] != &data[tc.skip] || len(out) != len(data)-tc.skip {
			t.Errorf("%q: PrepareBytes copied the document", tc.doc)
		}
	}
}

// rootText decodes out with a plain strict encoding/xml decoder (no
// CharsetReader) and returns the character data inside the root.
func rootText(t *testing.T, out []byte) string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(out))
	d.Strict = true
	var sb strings.Builder
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return strings.TrimSpace(sb.String())
		}
		if err != nil {
			t.Fatalf("encoding/xml refuses the prepared document: %v\n%q", err, out)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 1 {
				sb.Write(tok)
			}
		}
	}
}

var entryPoints = map[string]func([]byte, Limits) ([]byte, error){
	"PrepareBytes": PrepareBytes,
	"Prepare": func(b []byte, lim Limits) ([]byte, error) {
		// A one-byte reader exercises every split of multi-byte
		// sequences and markup across reads.
		return Prepare(&oneByteReader{b: b}, lim)
	},
}

type oneByteReader struct{ b []byte }

func (r *oneByteReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	p[0] = r.b[0]
	r.b = r.b[1:]
	return 1, nil
}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
