package translate

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

var update = flag.Bool("update", false, "rewrite testdata/ok/*.json")

func TestGolden(t *testing.T) {
	s, err := Parse(os.DirFS("testdata/ok"), "small.xsd")
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.JSONSchema(Options{Title: "small"})
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.JSONSchema(Options{Title: "small"})
	if err != nil || !bytes.Equal(got, again) {
		t.Fatalf("output is not deterministic (%v)", err)
	}
	golden := filepath.Join("testdata", "ok", "small.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("translation of small.xsd differs from %s; inspect and run with -update:\n%s", golden, got)
	}
}

// TestUnsupported checks that every construct outside the subset is refused, with its
// location, rather than translated into something that means less.
func TestUnsupported(t *testing.T) {
	files, err := filepath.Glob("testdata/unsupported/*.xsd")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test schemas: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			s, err := Parse(os.DirFS(filepath.Dir(f)), filepath.Base(f))
			if err == nil {
				_, err = s.JSONSchema(Options{})
			}
			if !errors.Is(err, ErrUnsupported) {
				t.Fatalf("err = %v, want ErrUnsupported", err)
			}
			var ue *UnsupportedError
			if !errors.As(err, &ue) || ue.File == "" || ue.Line == 0 {
				t.Errorf("error %v does not say where", err)
			}
		})
	}
}

func TestSchemaErrors(t *testing.T) {
	const head = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="urn:t" targetNamespace="urn:t" elementFormDefault="qualified">`
	for name, doc := range map[string]string{
		"unknown type":     head + `<xs:element name="R" type="R"/><xs:complexType name="R"><xs:sequence><xs:element name="A" type="Nope"/></xs:sequence></xs:complexType></xs:schema>`,
		"unknown group":    head + `<xs:element name="R" type="R"/><xs:complexType name="R"><xs:group ref="G"/></xs:complexType></xs:schema>`,
		"recursive group":  head + `<xs:element name="R" type="R"/><xs:complexType name="R"><xs:group ref="G"/></xs:complexType><xs:group name="G"><xs:sequence><xs:group ref="G"/></xs:sequence></xs:group></xs:schema>`,
		"no root":          head + `</xs:schema>`,
		"twice defined":    head + `<xs:element name="R" type="R"/><xs:complexType name="R"/><xs:complexType name="R"/></xs:schema>`,
		"min above max":    head + `<xs:element name="R" type="R"/><xs:complexType name="R"><xs:sequence><xs:element name="A" type="xs:string" minOccurs="3" maxOccurs="2"/></xs:sequence></xs:complexType></xs:schema>`,
		"bound outside":    head + `<xs:element name="R" type="R"/><xs:complexType name="R"><xs:sequence><xs:element name="A" type="S"/></xs:sequence></xs:complexType><xs:simpleType name="S"><xs:restriction base="xs:int"><xs:maxInclusive value="3000000000"/></xs:restriction></xs:simpleType></xs:schema>`,
		"doctype":          `<!DOCTYPE x [<!ENTITY a "b">]>` + head + `</xs:schema>`,
		"not a schema":     `<schema/>`,
		"malformed":        head,
		"missing include":  head + `<xs:include schemaLocation="gone.xsd"/></xs:schema>`,
		"reserved name":    head + `<xs:element name="R" type="R"/><xs:complexType name="R"/><xs:complexType name="Signature"/></xs:schema>`,
		"int as root type": head + `<xs:element name="R" type="xs:int"/></xs:schema>`,
	} {
		t.Run(name, func(t *testing.T) {
			s, err := Parse(fstest.MapFS{"s.xsd": {Data: []byte(doc)}}, "s.xsd")
			if err == nil {
				_, err = s.JSONSchema(Options{})
			}
			if err == nil {
				t.Fatal("accepted")
			}
		})
	}
}

func TestECMAScript(t *testing.T) {
	for _, tc := range []struct{ xsd, want string }{
		{`[A-Z]{2}`, `^[A-Z]{2}$`},
		{`a|b`, `^(?:a|b)$`},
		{`(a|b)c`, `^(a|b)c$`},
		{`a.b`, `^a[^\n\r]b$`},
		{`[.]`, `^[.]$`},
		{`x\-y`, `^x-y$`},
		{`[+\-]`, `^[+\-]$`},
		{`\^$^`, `^\^\$\^$`},
		{`[^^a]`, `^[^\^a]$`},
		{`[a^]`, `^[a\^]$`},
		{`\P{Cc}*`, `^\P{Cc}*$`},
		{`(\P{Cc}|[\t\n\r])*`, `^(\P{Cc}|[\t\n\r])*$`},
		{`[^/\\\p{Cc}]`, `^[^/\\\p{Cc}]$`},
		{`\+[1-9]`, `^\+[1-9]$`},
		{`\.\?\*\(\)\{\}\[\]\|`, `^\.\?\*\(\)\{\}\[\]\|$`},
	} {
		got, err := ECMAScript(tc.xsd)
		if err != nil || got != tc.want {
			t.Errorf("ECMAScript(%q) = %q, %v; want %q", tc.xsd, got, err, tc.want)
			continue
		}
		if _, err := regexp.Compile(got); err != nil {
			t.Errorf("ECMAScript(%q) = %q does not compile in Go: %v", tc.xsd, got, err)
		}
	}
	for _, bad := range []string{
		`\d`, `\w`, `\s`, `\i`, `\c`, `\D`, `\S`, `[\d]`, `\p{IsBasicLatin}`, `\p{Cn}`, `\p{Lu`, `\pL`,
		`\$`, `[\P{Cc}\t]`, `[a-z-[aeiou]]`, `[[a]]`, `[]`, `[^]`, `(a`, `a)`, `[a`, `a\`, `\z`,
	} {
		if got, err := ECMAScript(bad); err == nil {
			t.Errorf("ECMAScript(%q) = %q, want an error", bad, got)
		}
	}
}

func FuzzECMAScript(f *testing.F) {
	for _, s := range []string{`[A-Z]{2}`, `a|b`, `(\P{Cc}|[\t\n\r])*`, `[^/\\\p{Cc}]`, `\^$.`, `[a-z-[b]]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		got, err := ECMAScript(p)
		if err != nil {
			return
		}
		if !strings.HasPrefix(got, "^") || !strings.HasSuffix(got, "$") {
			t.Fatalf("ECMAScript(%q) = %q is not anchored", p, got)
		}
	})
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"small.xsd", "small-types.xsd"} {
		data, err := os.ReadFile(filepath.Join("testdata", "ok", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse(fstest.MapFS{"s.xsd": {Data: data}, "small-types.xsd": {Data: data}}, "s.xsd")
		if err != nil {
			return
		}
		if _, err := s.JSONSchema(Options{}); err != nil {
			return
		}
	})
}
