package xsd

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// FuzzValidate feeds arbitrary bytes to the validator of the test schema.
// Nothing may panic or hang; the seed corpus is testdata/fuzz/FuzzValidate
// plus the suite documents.
func FuzzValidate(f *testing.F) {
	s := suiteSchema(f)
	files, _ := filepath.Glob("testdata/suite/*/*.xml")
	for _, file := range files[:min(len(files), 30)] {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fs, err := s.ValidateBytes(data)
		if err != nil && len(fs) > 0 {
			t.Fatalf("both an error and findings: %v %v", err, fs)
		}
	})
}

// FuzzPattern translates arbitrary XSD patterns; a pattern either fails to
// compile or yields a regexp that can be run.
func FuzzPattern(f *testing.F) {
	for _, p := range []string{`[a-z-[aeiou]]+`, `\i\c*`, `\p{IsGreek}|\d{2,3}`, `(a|b)*c?`, `[^\s-[\n]]`, `.{0,5}\w`, `a(b|c(d|e)?)?f`, `(x|)y|z`, `[0-9]{2}(\.[0-9]+)?(Z|[+\-]([01][0-9]|14))`, `([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=|[A-Za-z0-9+/][AQgw]==)`, `(ab|c.)*`, `[a-c]*(é\d{2}|x)`, `(ab){2,3}c?`} {
		f.Add(p, "abc")
	}
	f.Fuzz(func(t *testing.T, pattern, input string) {
		if len(pattern) > 200 {
			return
		}
		re, err := compilePattern(pattern)
		p, lazyErr := newPattern(pattern)
		if (err == nil) != (lazyErr == nil) {
			t.Fatalf("compilePattern error %v, newPattern error %v, for %q", err, lazyErr, pattern)
		}
		if err != nil {
			return
		}
		got := re.MatchString(input)
		if p.match(input) != got {
			t.Fatalf("pattern says %v, regexp %v, for %q on %q", !got, got, pattern, input)
		}
		if f, ok := compileFast(pattern); ok && f.match(input) != got {
			t.Fatalf("fast matcher says %v, regexp %v, for %q on %q", !got, got, pattern, input)
		}
	})
}

// FuzzCompile compiles arbitrary single-document schemas.
func FuzzCompile(f *testing.F) {
	files, _ := filepath.Glob("testdata/schemas/*/*.xsd")
	for _, file := range files[:min(len(files), 40)] {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	// Missing components: a type, a substitution group head, a list's item type.
	f.Add([]byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:s" targetNamespace="urn:s">
<xs:element name="e" type="t:absent" substitutionGroup="t:gone"/><xs:element name="b" type="t:l"/>
<xs:simpleType name="l"><xs:list itemType="t:absent"/></xs:simpleType></xs:schema>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := CompileOptions(fstest.MapFS{"s.xsd": {Data: data}}, "s.xsd", &Options{MaxPositions: 2000})
		if err != nil {
			return
		}
		_, _ = s.ValidateBytes([]byte(`<e xmlns="urn:s"><a/><b>1</b></e>`))
	})
}

// FuzzSchemaProlog feeds arbitrary DOCTYPE directives and declared charsets
// to the schema-document prolog readers: nothing may panic or hang, and no
// entity's replacement text may exceed the limit.
func FuzzSchemaProlog(f *testing.F) {
	f.Add([]byte(` s [<!ENTITY a "x&#x41;&b;"><!ENTITY b 'y'><!ENTITY % p ''>%p;<!-- c --><?pi?>]`), "ISO-8859-1")
	f.Add([]byte(` s PUBLIC "a" "b" [<!ATTLIST s x CDATA #FIXED "]>"><!ENTITY e SYSTEM "u" NDATA n>]`), "US-ASCII")
	f.Add([]byte(` s [<!ENTITY a "&a;">]`), "Shift_JIS")
	f.Fuzz(func(t *testing.T, dir []byte, charset string) {
		ents, err := internalSubset(dir)
		if err == nil {
			for name, v := range ents {
				if len(v) > maxEntityValue {
					t.Fatalf("entity %s expands to %d bytes", name, len(v))
				}
			}
		}
		_, _ = schemaText(append([]byte(`<?xml version="1.0" encoding="`+charset+`"?>`), dir...))
	})
}
