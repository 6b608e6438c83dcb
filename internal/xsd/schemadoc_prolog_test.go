package xsd

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

// Schema documents as shipped: a DOCTYPE whose internal subset declares
// entities, and charsets other than UTF-8. Instances keep refusing both.
func TestSchemaDocProlog(t *testing.T) {
	const body = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="&ns;" xmlns:t="&ns;">
  <xs:element name="e" type="t:T"/>
  <xs:simpleType name="T"><xs:restriction base="xs:string"><xs:enumeration value="&word;"/></xs:restriction></xs:simpleType>
</xs:schema>`
	dsig := `<?xml version="1.0"?>
<!DOCTYPE xs:schema PUBLIC "-//W3C//DTD XMLSchema 200102//EN" "http://www.w3.org/2001/XMLSchema.dtd" [
  <!ATTLIST xs:schema xmlns:t CDATA #FIXED "urn:t">
  <!ENTITY ns 'urn:t'>
  <!ENTITY % p ''>
  <!-- a comment with a > inside -->
  <!ENTITY word "a&amp;&#x62;&inner;">
  <!ENTITY inner "c">
  <!ENTITY ext SYSTEM "http://example.invalid/x">
]>
` + body
	laughs := `<!DOCTYPE s [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">` +
		`<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">` +
		`<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY ns "urn:t"><!ENTITY word "&d;">]>` + body
	for _, tc := range []struct {
		name, schema string
		instance     string // validates when the schema compiles
		err          error  // wrapped by the compile error
		msg          string // in the compile error
	}{
		{name: "internal subset", schema: dsig, instance: `<e xmlns="urn:t">a&amp;bc</e>`},
		{name: "external DTD only", schema: `<!DOCTYPE xs:schema SYSTEM "XMLSchema.dtd">` + strings.NewReplacer("&ns;", "urn:t", "&word;", "x").Replace(body), instance: `<e xmlns="urn:t">x</e>`},
		{name: "undeclared entity", schema: `<!DOCTYPE s [<!ENTITY ns "urn:t">]>` + body, err: ErrSchema, msg: "word"},
		{name: "external entity used", schema: `<!DOCTYPE s [<!ENTITY ns "urn:t"><!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY word "&x;">]>` + body, err: ErrSchema, msg: "never fetched"},
		{name: "recursive entity", schema: `<!DOCTYPE s [<!ENTITY ns "urn:t"><!ENTITY word "&word;">]>` + body, err: ErrLimit, msg: "nested"},
		{name: "billion laughs", schema: laughs, err: ErrLimit, msg: "over 65536 bytes"},
		{name: "two DOCTYPEs", schema: `<!DOCTYPE s><!DOCTYPE s>` + body, err: ErrSchema, msg: "DOCTYPE"},
		{name: "US-ASCII", schema: `<?xml version="1.0" encoding="US-ASCII"?>` + strings.NewReplacer("&ns;", "urn:t", "&word;", "x").Replace(body), instance: `<e xmlns="urn:t">x</e>`},
		{name: "ASCII with a non-ASCII byte", schema: "<?xml version='1.0' encoding='ASCII'?>\n" + strings.NewReplacer("&ns;", "urn:t", "&word;", "\xe9").Replace(body), err: ErrSchema, msg: "line 4: byte 0xE9 is not ASCII"},
		{name: "ISO-8859-1", schema: `<?xml version="1.0" encoding="ISO-8859-1"?>` + strings.NewReplacer("&ns;", "urn:t", "&word;", "\xe9t\xe9").Replace(body), instance: `<e xmlns="urn:t">été</e>`},
		{name: "windows-1252", schema: `<?xml version="1.0" encoding="windows-1252"?>` + strings.NewReplacer("&ns;", "urn:t", "&word;", "\x80").Replace(body), instance: `<e xmlns="urn:t">€</e>`},
		{name: "XML 1.1", schema: `<?xml version="1.1" encoding="UTF-8"?>` + strings.NewReplacer("&ns;", "urn:t", "&word;", "\u00e9t\u00e9").Replace(body), instance: `<e xmlns="urn:t">été</e>`},
		{name: "XML 1.1 with an internal subset", schema: strings.Replace(dsig, `version="1.0"`, `version="1.1"`, 1), instance: `<e xmlns="urn:t">a&amp;bc</e>`},
		{name: "unknown charset", schema: `<?xml version="1.0" encoding="x-no-such"?>` + body, err: ErrSchema, msg: `unknown charset "x-no-such"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Compile(fstest.MapFS{"s.xsd": {Data: []byte(tc.schema)}}, "s.xsd")
			if tc.err != nil {
				if !errors.Is(err, tc.err) || !strings.Contains(err.Error(), tc.msg) {
					t.Fatalf("error %v, want one wrapping %v that says %q", err, tc.err, tc.msg)
				}
				if strings.Contains(err.Error(), "CharsetReader") {
					t.Errorf("error leaks encoding/xml's wording: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if ok, why := ourVerdict(s, []byte(tc.instance)); !ok {
				t.Errorf("%s: %s", tc.instance, why)
			}
			if ok, _ := ourVerdict(s, []byte(`<e xmlns="urn:t">other</e>`)); ok {
				t.Error("a value outside the enumeration validated")
			}
			_, err = s.ValidateBytes([]byte(`<!DOCTYPE e [<!ENTITY x "y">]>` + tc.instance))
			if !errors.Is(err, ErrDoctype) {
				t.Errorf("instance with a DOCTYPE: %v, want ErrDoctype", err)
			}
		})
	}
}
