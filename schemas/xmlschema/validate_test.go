package xmlschema

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/jcx-dev/jcx/exchange/trust"
)

var orderSet = fstest.MapFS{
	"order.xsd": schemaDoc("urn:order", `<xs:element name="Order">
  <xs:complexType>
    <xs:sequence>
      <xs:element name="Id" type="xs:int"/>
      <xs:element name="Note" type="xs:string" minOccurs="0"/>
    </xs:sequence>
    <xs:attribute name="currency" type="xs:string" use="required"/>
  </xs:complexType>
</xs:element>`),
}

func mustLoad(t testing.TB, o Options) *Set {
	t.Helper()
	set, err := o.Load(orderSet, "order.xsd")
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func TestValidateBytes(t *testing.T) {
	set := mustLoad(t, Options{MaxBytes: 4096, MaxDepth: 8})
	deep := `<Order xmlns="urn:order" currency="EUR"><Id>1</Id><Note>` + strings.Repeat("<a>", 10) + strings.Repeat("</a>", 10) + `</Note></Order>`
	for _, tc := range []struct {
		name string
		doc  string
		want []Finding // Message compared by substring
	}{
		{"valid", `<Order xmlns="urn:order" currency="EUR"><Id>1</Id></Order>`, nil},
		{"valid Latin-1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<Order xmlns=\"urn:order\" currency=\"EUR\"><Id>1</Id><Note>caf\xe9</Note></Order>", nil},
		{"wrong type", `<Order xmlns="urn:order" currency="EUR">
<Id>one</Id></Order>`, []Finding{{CodeInvalid, "/Order/Id[1]", 2, "xs:int"}}},
		{"missing attribute", `<Order xmlns="urn:order"><Id>1</Id></Order>`, []Finding{{CodeInvalid, "/Order", 1, "currency"}}},
		{"two findings", `<Order xmlns="urn:order"><Id>x</Id></Order>`, []Finding{{CodeInvalid, "/Order", 1, "currency"}, {CodeInvalid, "/Order/Id[1]", 1, "xs:int"}}},
		{"DOCTYPE", "<!DOCTYPE Order [<!ENTITY e \"x\">]>\n<Order xmlns=\"urn:order\" currency=\"&e;\"><Id>1</Id></Order>", []Finding{{CodeInvalid, "", 1, "DOCTYPE"}}},
		{"processing instruction", `<?xml-stylesheet href="x"?><Order xmlns="urn:order" currency="EUR"><Id>1</Id></Order>`, []Finding{{CodeInvalid, "", 1, "processing instruction"}}},
		{"not well-formed", `<Order xmlns="urn:order" currency="EUR"><Id>1</Order>`, []Finding{{Code: CodeInvalid, Line: 1}}},
		{"invalid UTF-8", "<Order xmlns=\"urn:order\" currency=\"\xff\"><Id>1</Id></Order>", []Finding{{Code: CodeEncoding, Line: 1}}},
		{"unknown charset", "<?xml version=\"1.0\" encoding=\"x-klingon\"?><Order/>", []Finding{{Code: CodeEncoding, Line: 1}}},
		{"too deep", deep, []Finding{{Code: CodeInvalid, Line: 1, Message: "deep"}}},
		{"too large", `<Order xmlns="urn:order" currency="EUR"><Note>` + strings.Repeat("x", 5000) + `</Note></Order>`, []Finding{{Code: CodeTooLarge}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := set.ValidateBytes([]byte(tc.doc))
			if len(got) != len(tc.want) {
				t.Fatalf("findings %v, want %d", got, len(tc.want))
			}
			for i, w := range tc.want {
				g := got[i]
				if g.Code != w.Code || g.Path != w.Path || (w.Line != 0 && g.Line != w.Line) || !strings.Contains(g.Message, w.Message) {
					t.Errorf("finding %v, want %v", g, w)
				}
			}
		})
	}
}

func TestValidateReader(t *testing.T) {
	set := mustLoad(t, Options{MaxBytes: 100})
	ctx := context.Background()
	found, err := set.Validate(ctx, strings.NewReader(`<Order xmlns="urn:order" currency="EUR"><Id>1</Id></Order>`))
	if err != nil || len(found) != 0 {
		t.Errorf("valid document: %v %v", found, err)
	}
	found, err = set.Validate(ctx, io.MultiReader(strings.NewReader("<Order>"), bytes.NewReader(make([]byte, 200))))
	if err != nil || len(found) != 1 || found[0].Code != CodeTooLarge {
		t.Errorf("document over the limit: %v %v, want one finding %d", found, err, CodeTooLarge)
	}
	boom := errors.New("disk on fire")
	if _, err := set.Validate(ctx, io.MultiReader(strings.NewReader("<Order"), errReader{boom})); !errors.Is(err, boom) {
		t.Errorf("failing reader: %v, want %v", err, boom)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := set.Validate(cancelled, strings.NewReader("<Order/>")); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v, want context.Canceled", err)
	}
	// A reader that never ends stops once the context does.
	ctx2, cancel2 := context.WithCancel(ctx)
	r := &cancelAfter{n: 3, cancel: cancel2}
	if _, err := set.Validate(ctx2, r); !errors.Is(err, context.Canceled) {
		t.Errorf("endless reader: %v, want context.Canceled", err)
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// cancelAfter yields a space per read and cancels after n reads.
type cancelAfter struct {
	n      int
	cancel func()
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	c.n--
	if c.n == 0 {
		c.cancel()
	}
	p[0] = ' '
	return 1, nil
}

// A Set is used from many goroutines at once.
func TestValidateConcurrently(t *testing.T) {
	set := mustLoad(t, Options{})
	done := make(chan bool)
	for i := range 8 {
		go func() {
			doc := `<Order xmlns="urn:order" currency="EUR"><Id>1</Id></Order>`
			if i%2 == 1 {
				doc = `<Order xmlns="urn:order" currency="EUR"><Id>x</Id></Order>`
			}
			ok := true
			for range 200 {
				if (len(set.ValidateBytes([]byte(doc))) == 0) != (i%2 == 0) {
					ok = false
				}
			}
			done <- ok
		}()
	}
	for range 8 {
		if !<-done {
			t.Error("a verdict changed under concurrent use")
		}
	}
}

func TestFindingString(t *testing.T) {
	for _, tc := range []struct {
		f    Finding
		want string
	}{
		{Finding{CodeInvalid, "/a/b[1]", 3, "bad"}, "3020 /a/b[1] (line 3): bad"},
		{Finding{Code: CodeTooLarge, Message: "big"}, "3022: big"},
	} {
		if got := tc.f.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
}

// TestValidateFile validates files as Validate validates readers: a valid
// file, an invalid one, one over the size limit (a finding), and a file
// that cannot be opened or a cancelled context (errors).
func TestValidateFile(t *testing.T) {
	set := mustLoad(t, Options{MaxBytes: 100})
	dir := t.TempDir()
	write := func(name, doc string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ctx := context.Background()
	for _, tc := range []struct {
		name     string
		path     string
		findings []trust.ErrorCode
	}{
		{"valid", write("valid.xml", `<Order xmlns="urn:order" currency="EUR"><Id>1</Id></Order>`), nil},
		{"invalid", write("invalid.xml", `<Order xmlns="urn:order" currency="EUR"><Id>x</Id></Order>`), []trust.ErrorCode{CodeInvalid}},
		{"too large", write("large.xml", `<Order xmlns="urn:order" currency="EUR"><Note>`+strings.Repeat("x", 200)+`</Note></Order>`), []trust.ErrorCode{CodeTooLarge}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			found, err := set.ValidateFile(ctx, tc.path)
			if err != nil || len(found) != len(tc.findings) {
				t.Fatalf("findings %v, error %v; want codes %v", found, err, tc.findings)
			}
			for i, c := range tc.findings {
				if found[i].Code != c {
					t.Errorf("finding %v, want code %d", found[i], c)
				}
			}
		})
	}
	if _, err := set.ValidateFile(ctx, filepath.Join(dir, "missing.xml")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want fs.ErrNotExist", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := set.ValidateFile(cancelled, filepath.Join(dir, "valid.xml")); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v", err)
	}
}
