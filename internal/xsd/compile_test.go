package xsd

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestCompileBadSchemas: every schema under testdata/schemas/bad must be
// refused with ErrSchema, and xmllint must refuse it too unless it is
// listed in LIBXML2-ACCEPTS (where xmllint must still accept it).
func TestCompileBadSchemas(t *testing.T) {
	known := map[string]bool{}
	f, err := os.Open("testdata/schemas/bad/LIBXML2-ACCEPTS")
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			known[strings.Fields(line)[0]] = true
		}
	}
	f.Close()
	files, _ := filepath.Glob("testdata/schemas/bad/*.xsd")
	if len(files) < 30 {
		t.Fatalf("only %d bad schemas", len(files))
	}
	haveOracle := oracleAvailable(t)
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(strings.TrimSuffix(name, ".xsd"), func(t *testing.T) {
			_, err := Compile(os.DirFS("testdata/schemas/bad"), name)
			if err == nil {
				t.Fatalf("compiled, want an error")
			}
			if !errors.Is(err, ErrSchema) {
				t.Errorf("error %v does not wrap ErrSchema", err)
			}
			var se *SchemaError
			if !errors.As(err, &se) || se.File == "" || se.Line == 0 {
				t.Errorf("error %v is not a *SchemaError with a file and a line", err)
			}
			if !haveOracle {
				return
			}
			ok, out := oracleCompiles(t, file)
			if ok != known[name] {
				t.Errorf("xmllint compiles=%v, listed in LIBXML2-ACCEPTS=%v\n%s", ok, known[name], firstLines(out, 5))
			}
		})
	}
}

// TestCompileGoodSchemas: tricky but valid schemas compile here and in
// xmllint.
func TestCompileGoodSchemas(t *testing.T) {
	files, _ := filepath.Glob("testdata/schemas/good/*.xsd")
	haveOracle := oracleAvailable(t)
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(strings.TrimSuffix(name, ".xsd"), func(t *testing.T) {
			if _, err := Compile(os.DirFS("testdata/schemas/good"), name); err != nil {
				t.Fatal(err)
			}
			if haveOracle {
				if ok, out := oracleCompiles(t, file); !ok {
					t.Errorf("xmllint refuses it:\n%s", firstLines(out, 5))
				}
			}
		})
	}
}

func TestCompileUnsupportedAndLimits(t *testing.T) {
	const head = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">`
	fsys := fstest.MapFS{
		"redefine.xsd": {Data: []byte(head + `<xs:redefine schemaLocation="x.xsd"><xs:simpleType name="s"><xs:restriction base="s"/></xs:simpleType></xs:redefine></xs:schema>`)},
		// Bounds are counted, not expanded, up to maxCounters nested
		// counted particles; the fifth is expanded, into too many positions.
		"big.xsd": {Data: []byte(head + `<xs:element name="e"><xs:complexType>` +
			strings.Repeat(`<xs:sequence maxOccurs="50000">`, 5) + `<xs:element name="a"/><xs:element name="b"/>` +
			strings.Repeat(`</xs:sequence>`, 5) + `</xs:complexType></xs:element></xs:schema>`)},
		// Every optional element may follow every earlier one: n²/2
		// transitions without any bounds.
		"dense.xsd": {Data: []byte(head + `<xs:element name="e"><xs:complexType><xs:sequence>` +
			strings.Repeat(`<xs:element name="a" minOccurs="0"/>`, 3000) + `</xs:sequence></xs:complexType></xs:element></xs:schema>`)},
		"repeat.xsd": {Data: []byte(head + `<xs:simpleType name="s"><xs:restriction base="xs:string">` +
			`<xs:pattern value="a{2000}"/></xs:restriction></xs:simpleType></xs:schema>`)},
		"dtd.xsd": {Data: []byte(`<!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd">]>` + head +
			`<xs:annotation><xs:documentation>&a;</xs:documentation></xs:annotation></xs:schema>`)},
		"self.xsd": {Data: []byte(head + `<xs:include schemaLocation="self.xsd"/><xs:element name="e"/></xs:schema>`)},
	}
	for _, tc := range []struct {
		file string
		want error
	}{
		{"redefine.xsd", ErrSchema}, // x.xsd is missing
		{"big.xsd", ErrLimit},
		{"dense.xsd", ErrLimit},
		{"repeat.xsd", ErrUnsupported},
		{"dtd.xsd", ErrSchema},
		{"missing.xsd", ErrSchema},
	} {
		_, err := Compile(fsys, tc.file)
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.file, err, tc.want)
		}
	}
	if _, err := Compile(fsys, "self.xsd"); err != nil {
		t.Errorf("self-include: %v", err)
	}
}

// oracleAvailable reports whether xmllint can be used; in CI it must be.
func oracleAvailable(t *testing.T) bool {
	if _, err := exec.LookPath("xmllint"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("xmllint is required in CI: %v", err)
		}
		t.Log("xmllint not installed: comparing with it is skipped")
		return false
	}
	return true
}

// An import that cannot be followed compiles with one warning per import,
// and a second import of an already imported namespace is skipped, as
// xmllint skips it.
func TestImportWarnings(t *testing.T) {
	s, err := Compile(os.DirFS("testdata/schemas/good"), "import-unresolvable.xsd")
	if err != nil {
		t.Fatal(err)
	}
	if w := s.Warnings(); len(w) != 2 || !errors.Is(w[0], ErrSchema) {
		t.Errorf("warnings %v, want two wrapping ErrSchema", w)
	}
	fsys := fstest.MapFS{
		"main.xsd": {Data: []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="urn:a" schemaLocation="a1.xsd"/>
  <xs:import namespace="urn:a" schemaLocation="a2.xsd"/>
</xs:schema>`)},
		"a1.xsd": {Data: []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:a"><xs:element name="one"/></xs:schema>`)},
		"a2.xsd": {Data: []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:a"><xs:element name="two"/></xs:schema>`)},
	}
	s, err = Compile(fsys, "main.xsd")
	if err != nil {
		t.Fatal(err)
	}
	if w := s.Warnings(); len(w) != 1 || !strings.Contains(w[0].Error(), "already imported from a1.xsd") {
		t.Errorf("warnings %v, want the second import skipped", w)
	}
	if findings, _ := s.ValidateBytes([]byte(`<two xmlns="urn:a"/>`)); len(findings) == 0 {
		t.Error("an element of the skipped document validated")
	}
}

// A restriction that makes an optional attribute required is honoured
// (UBL's currencyID and unitCode are made required this way).
func TestRestrictionMakesAttributeRequired(t *testing.T) {
	fsys := fstest.MapFS{"s.xsd": {Data: []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:complexType name="Base"><xs:simpleContent><xs:extension base="xs:decimal">
    <xs:attribute name="currencyID" type="xs:string" use="optional"/>
  </xs:extension></xs:simpleContent></xs:complexType>
  <xs:complexType name="Amount"><xs:simpleContent><xs:restriction base="Base">
    <xs:attribute name="currencyID" type="xs:string" use="required"/>
  </xs:restriction></xs:simpleContent></xs:complexType>
  <xs:element name="a" type="Amount"/>
</xs:schema>`)}}
	s, err := Compile(fsys, "s.xsd")
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := ourVerdict(s, []byte(`<a>1</a>`)); ok {
		t.Error("the attribute made required is missing, yet the document validated")
	}
	if ok, why := ourVerdict(s, []byte(`<a currencyID="EUR">1</a>`)); !ok {
		t.Error(why)
	}
}

// Recursion through a local element is legal in any declaration order: HL7
// CDA's ED holds a thumbnail whose type restricts ED. A type really derived
// from itself is still refused.
func TestRecursionThroughLocalElement(t *testing.T) {
	ed := `<xs:complexType name="ED" mixed="true"><xs:sequence>
    <xs:element name="thumbnail" type="Thumbnail" minOccurs="0"/></xs:sequence>
    <xs:attribute name="mediaType" type="xs:string"/></xs:complexType>`
	thumb := `<xs:complexType name="Thumbnail" mixed="true"><xs:complexContent><xs:restriction base="ED"><xs:sequence>
    <xs:element name="thumbnail" type="Thumbnail" minOccurs="0" maxOccurs="0"/></xs:sequence></xs:restriction></xs:complexContent></xs:complexType>`
	root := `<xs:element name="doc" type="ED"/>`
	for name, body := range map[string]string{"ED first": ed + thumb + root, "Thumbnail first": thumb + ed + root, "element first": root + thumb + ed} {
		s, err := Compile(fstest.MapFS{"s.xsd": {Data: []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">` + body + `</xs:schema>`)}}, "s.xsd")
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if ok, why := ourVerdict(s, []byte(`<doc mediaType="text/plain">x<thumbnail mediaType="image/png">y</thumbnail></doc>`)); !ok {
			t.Errorf("%s: %s", name, why)
		}
		if ok, _ := ourVerdict(s, []byte(`<doc><thumbnail><thumbnail/></thumbnail></doc>`)); ok {
			t.Errorf("%s: a thumbnail inside a thumbnail validated", name)
		}
	}
	_, err := Compile(fstest.MapFS{"s.xsd": {Data: []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:complexType name="A"><xs:complexContent><xs:extension base="B"/></xs:complexContent></xs:complexType>
  <xs:complexType name="B"><xs:complexContent><xs:extension base="A"/></xs:complexContent></xs:complexType>
  <xs:element name="e" type="A"/></xs:schema>`)}}, "s.xsd")
	if err == nil || !strings.Contains(err.Error(), "derived from itself") {
		t.Errorf("circular derivation: %v", err)
	}
}

// xs:NOTATION is restricted by an enumeration of declared notations; an
// instance value is a QName naming one of them.
func TestNotation(t *testing.T) {
	const schema = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:t" targetNamespace="urn:t">
  <xs:notation name="jpeg" public="image/jpeg"/>
  <xs:notation name="png" system="viewer"/>
  <xs:simpleType name="Format"><xs:restriction base="xs:NOTATION">
    <xs:enumeration value="t:jpeg"/><xs:enumeration value="t:png"/></xs:restriction></xs:simpleType>
  <xs:element name="img"><xs:complexType><xs:attribute name="format" type="t:Format"/></xs:complexType></xs:element>
  %s</xs:schema>`
	s, err := Compile(fstest.MapFS{"s.xsd": {Data: []byte(strings.Replace(schema, "%s", "", 1))}}, "s.xsd")
	if err != nil {
		t.Fatal(err)
	}
	if ok, why := ourVerdict(s, []byte(`<p:img xmlns:p="urn:t" format="p:png"/>`)); !ok {
		t.Error(why)
	}
	if ok, _ := ourVerdict(s, []byte(`<p:img xmlns:p="urn:t" format="p:gif"/>`)); ok {
		t.Error("an undeclared notation validated")
	}
	for extra, want := range map[string]string{
		`<xs:simpleType name="Bad"><xs:restriction base="xs:NOTATION"><xs:enumeration value="t:gif"/></xs:restriction></xs:simpleType>`: "does not name a declared notation",
		`<xs:notation name="jpeg" public="x"/>`: "duplicate notation",
		`<xs:notation name="gif"/>`:             "needs a public or a system identifier",
	} {
		_, err := Compile(fstest.MapFS{"s.xsd": {Data: []byte(strings.Replace(schema, "%s", extra, 1))}}, "s.xsd")
		if !errors.Is(err, ErrSchema) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", extra, err, want)
		}
	}
}

// Names follow XML 1.0's character classes: modifier letters start a
// name, extenders and U+06DD/U+06DE continue one.
func TestUnicodeNames(t *testing.T) {
	names := []string{"\u02BB20", "a\u0387b", "str02A\u06DD", "e\u00B7\u00B7e", "\u0559x"}
	var decls, attrs strings.Builder
	for _, n := range names {
		decls.WriteString(`<xs:attribute name="` + n + `"/>`)
		attrs.WriteString(` ` + n + `="v"`)
	}
	s, err := Compile(fstest.MapFS{"s.xsd": {Data: []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="e"><xs:complexType>` +
		decls.String() + `</xs:complexType></xs:element></xs:schema>`)}}, "s.xsd")
	if err != nil {
		t.Fatal(err)
	}
	if ok, why := ourVerdict(s, []byte(`<e`+attrs.String()+`/>`)); !ok {
		t.Error(why)
	}
	for _, bad := range []string{"\u02D0x", "\u0387x", "1a"} {
		if isNCName(bad) {
			t.Errorf("%q is an NCName", bad)
		}
	}
}

// An include or redefine whose schemaLocation does not resolve includes
// nothing, as XSD 1.0 §4.2.1 says, with a warning naming the file and line;
// nothing is fetched, whatever the location. A redefine that redefines
// something of a document it cannot read is refused.
func TestIncludeThatCannotBeFollowed(t *testing.T) {
	const head = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">` + "\n"
	for _, tc := range []struct {
		name, ref, warning string
	}{
		{"missing file", `<xs:include schemaLocation="nope.xsd"/>`, "s.xsd:2: cannot read schema document nope.xsd"},
		{"URL", `<xs:include schemaLocation="http://127.0.0.1/x.xsd"/>`, `s.xsd:2: schemaLocation "http://127.0.0.1/x.xsd" is not a relative path inside the schema set`},
		{"outside the set", `<xs:include schemaLocation="../x.xsd"/>`, `s.xsd:2: schemaLocation "../x.xsd" leaves the schema set`},
		{"redefine of nothing", `<xs:redefine schemaLocation="nope.xsd"><xs:annotation/></xs:redefine>`, "redefine skipped: s.xsd:2: cannot read schema document nope.xsd"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Compile(fstest.MapFS{"s.xsd": {Data: []byte(head + tc.ref + `<xs:element name="e"/></xs:schema>`)}}, "s.xsd")
			if err != nil {
				t.Fatal(err)
			}
			if w := s.Warnings(); len(w) != 1 || !errors.Is(w[0], ErrSchema) || !strings.Contains(w[0].Error(), tc.warning) {
				t.Errorf("warnings %v, want one containing %q", w, tc.warning)
			}
			if f, err := s.ValidateBytes([]byte(`<e/>`)); err != nil || len(f) > 0 {
				t.Errorf("<e/>: %v %v", f, err)
			}
		})
	}
	_, err := Compile(fstest.MapFS{"s.xsd": {Data: []byte(head + `<xs:redefine schemaLocation="nope.xsd">
<xs:simpleType name="s"><xs:restriction base="s"/></xs:simpleType></xs:redefine></xs:schema>`)}}, "s.xsd")
	if err == nil || !errors.Is(err, ErrSchema) || !strings.Contains(err.Error(), `s.xsd:2: xs:redefine redefines components of "nope.xsd", which cannot be followed: cannot read schema document nope.xsd`) {
		t.Errorf("error %v, want the redefine of an unreadable document refused at s.xsd:2", err)
	}
}
