package schemas_test

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/internal/schemagen/translate"
	"github.com/jcx-dev/jcx/schemas"
)

// The Go model (package exchange), the XSD and the JSON Schema must describe the same
// message. The JSON Schema is generated from the XSD (TestJSONSchemaIsGenerated); these
// tests hold the XSD to the Go model, so none of the three can drift alone.

// This file is an external test package: package exchange imports package schemas.

func xsdModel(t *testing.T) *translate.Schema {
	t.Helper()
	s, err := translate.Parse(schemas.XSD(), "jcx.xsd")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// goField is one XML element of a Go struct, embedded structs flattened in place as
// encoding/xml does.
type goField struct {
	name, jsonName      string
	omitempty, jsonOmit bool
	typ                 reflect.Type
}

func goFields(t reflect.Type) []goField {
	var out []goField
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Name == "XMLName" {
			continue
		}
		if f.Anonymous && f.Tag.Get("xml") == "" {
			out = append(out, goFields(f.Type)...)
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("xml"), ",")
		jname, jopts, _ := strings.Cut(f.Tag.Get("json"), ",")
		out = append(out, goField{
			name: name, jsonName: jname,
			omitempty: opts == "omitempty", jsonOmit: jopts == "omitempty",
			typ: f.Type,
		})
	}
	return out
}

type modelCheck struct {
	t    *testing.T
	s    *translate.Schema
	seen map[string]bool // XSD types reached from the root
}

func TestModelMatchesXSD(t *testing.T) {
	s := xsdModel(t)
	c := &modelCheck{t: t, s: s, seen: map[string]bool{}}
	c.complex(reflect.TypeFor[exchange.Message](), s.Root.Type.Name)
	if s.Root.Name != "Message" || s.Root.Type.Name != "Message" {
		t.Errorf("root element %s of type %s, want Message", s.Root.Name, s.Root.Type)
	}
	for name := range s.ComplexTypes {
		if !c.seen[name] {
			t.Errorf("XSD complex type %s is not part of the Go model", name)
		}
	}
	for name := range s.SimpleTypes {
		if !c.seen[name] {
			t.Errorf("XSD simple type %s is not used", name)
		}
	}
}

func (c *modelCheck) complex(gt reflect.Type, name string) {
	t := c.t
	if c.seen[name] {
		return
	}
	c.seen[name] = true
	if gt.Name() != name {
		t.Errorf("Go type %s is XSD type %s: the names must match", gt.Name(), name)
	}
	ct := c.s.ComplexTypes[name]
	if ct == nil {
		t.Errorf("no XSD complex type %s for Go type %s", name, gt)
		return
	}
	members, err := c.s.Members(ct)
	if err != nil {
		t.Fatal(err)
	}
	if name == c.s.Root.Type.Name {
		// The enveloped signature is not part of the model; it is the last child.
		if n := len(members); n == 0 || !members[n-1].Signature {
			t.Errorf("%s does not end with the signature slot", name)
		} else {
			members = members[:n-1]
		}
	}
	fields := goFields(gt)
	var gn, xn []string
	for _, f := range fields {
		gn = append(gn, f.name)
	}
	for _, m := range members {
		xn = append(xn, m.Name)
	}
	if !slices.Equal(gn, xn) {
		t.Errorf("%s: Go fields %v, XSD elements %v: names and order must match", name, gn, xn)
		return
	}
	for i, f := range fields {
		m := members[i]
		where := name + "." + f.name
		if f.jsonName != f.name || f.jsonOmit != f.omitempty {
			t.Errorf("%s: json tag %q (omitempty %v) differs from xml tag %q (omitempty %v)", where, f.jsonName, f.jsonOmit, f.name, f.omitempty)
		}
		kind := f.typ.Kind()
		if (kind == reflect.Slice) != m.Repeated() {
			t.Errorf("%s: Go slice %v, XSD maxOccurs %d", where, kind == reflect.Slice, m.MaxOccurs)
		}
		if optional := f.omitempty || kind == reflect.Pointer; optional != m.Optional() {
			t.Errorf("%s: Go optional (omitempty or pointer) %v, XSD optional (minOccurs 0 or choice) %v", where, optional, m.Optional())
		}
		if f.omitempty && kind == reflect.Struct {
			t.Errorf("%s: encoding/xml never omits a struct; use a pointer", where)
		}
		elem := f.typ
		if kind == reflect.Pointer || kind == reflect.Slice {
			elem = elem.Elem()
		}
		c.leaf(elem, m, where)
	}
}

// stringBases are the built-in types whose JSON form is a string.
var stringBases = []string{"string", "anyURI", "dateTime", "date", "decimal", "base64Binary"}

func (c *modelCheck) leaf(gt reflect.Type, m translate.Member, where string) {
	t := c.t
	if gt.Kind() == reflect.Struct {
		if m.Type.Builtin {
			t.Errorf("%s: Go struct %s, XSD built-in %s", where, gt, m.Type)
			return
		}
		c.complex(gt, m.Type.Name)
		return
	}
	base := m.Type.Name
	if !m.Type.Builtin {
		st := c.s.SimpleTypes[m.Type.Name]
		if st == nil {
			t.Errorf("%s: Go %s, XSD complex type %s", where, gt, m.Type)
			return
		}
		c.seen[st.Name] = true
		base = st.Base
	}
	// A named string type of the model (UUID, Verb, …) is the XSD type of that name.
	if gt.PkgPath() == reflect.TypeFor[exchange.Message]().PkgPath() && m.Type.Name != gt.Name() {
		t.Errorf("%s: Go type %s, XSD type %s: the names must match", where, gt.Name(), m.Type)
	}
	ok := false
	switch gt.Kind() {
	case reflect.String:
		ok = slices.Contains(stringBases, base)
	case reflect.Int:
		ok = base == "int" // xs:int fits Go's int on every platform
	case reflect.Int64:
		ok = base == "long"
	case reflect.Bool:
		ok = base == "boolean"
	}
	if !ok {
		t.Errorf("%s: Go %s cannot hold XSD %s (base xs:%s)", where, gt, m.Type, base)
	}
}

func TestModelEnumerations(t *testing.T) {
	s := xsdModel(t)
	strs := func(vs ...any) []string {
		var out []string
		for _, v := range vs {
			out = append(out, reflect.ValueOf(v).String())
		}
		return out
	}
	var kinds []any
	for _, k := range exchange.ObjectKinds {
		kinds = append(kinds, k)
	}
	for name, want := range map[string][]string{
		"ObjectKind": strs(kinds...),
		"Verb": strs(exchange.VerbGet, exchange.VerbCreate, exchange.VerbUpdate, exchange.VerbList,
			exchange.VerbDeliver, exchange.VerbGetCapabilities),
		"Atomicity":    strs(exchange.AllOrNothing, exchange.Independent),
		"Urgency":      strs(exchange.UrgencyNormal, exchange.UrgencyUrgent, exchange.UrgencyEmergency),
		"AssetMeasure": strs(exchange.AssetFreeze, exchange.AssetConfiscate),
		"AssetKind": strs(exchange.AssetBankAccount, exchange.AssetProperty, exchange.AssetVehicle,
			exchange.AssetCrypto, exchange.AssetOther),
		"CustodyAction": strs(exchange.CustodySeized, exchange.CustodyAcquired, exchange.CustodyImaged,
			exchange.CustodyHashed, exchange.CustodyTransferred, exchange.CustodyReceived,
			exchange.CustodyVerified, exchange.CustodySealed, exchange.CustodyOpened),
	} {
		st := s.SimpleTypes[name]
		if st == nil {
			t.Errorf("no XSD simple type %s", name)
			continue
		}
		if !slices.Equal(st.Enumeration, want) {
			t.Errorf("%s: XSD enumeration %v, Go constants %v", name, st.Enumeration, want)
		}
	}
}

// TestModelValuesMatchPatterns checks that what the Go model writes is what the XSD
// patterns accept, using the translated (JSON Schema) form of each pattern.
func TestModelValuesMatchPatterns(t *testing.T) {
	s := xsdModel(t)
	now := time.Date(2026, 11, 28, 3, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ typ, value string }{
		{"UUID", string(exchange.NewUUID())},
		{"Timestamp", string(exchange.NewTimestamp(now))},
		{"Timestamp", string(exchange.NewTimestamp(now.Add(123456 * time.Microsecond)))},
		{"DateTime", string(exchange.NewDateTime(now))},
		{"DateTime", string(exchange.NewDateTime(now.Add(1500 * time.Millisecond)))},
		{"SpecificationVersion", exchange.SpecificationVersion},
		{"ShortString", exchange.ProfileOwner},
		{"ShortString", exchange.ProfileVersion},
	} {
		st := s.SimpleTypes[tc.typ]
		if st == nil {
			t.Fatalf("no XSD simple type %s", tc.typ)
		}
		p, err := translate.ECMAScript(st.Pattern)
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(p).MatchString(tc.value) {
			t.Errorf("%s %q written by package exchange does not match the XSD pattern %s", tc.typ, tc.value, st.Pattern)
		}
	}
	if exchange.Namespace != schemas.Namespace || s.TargetNamespace != exchange.Namespace {
		t.Errorf("namespaces: exchange %s, schemas %s, XSD %s", exchange.Namespace, schemas.Namespace, s.TargetNamespace)
	}
	root := s.ComplexTypes[s.Root.Type.Name].Content
	if last := root.Particles[len(root.Particles)-1]; last.Namespace != exchange.SignatureNamespace {
		t.Errorf("signature slot namespace %q, exchange says %q", last.Namespace, exchange.SignatureNamespace)
	}
}
