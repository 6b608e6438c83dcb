package xsd

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"
)

// modelGen writes a random content model and instance from a byte
// stream, so that the test and the fuzz target share it.
type modelGen struct {
	data []byte
	i    int
}

func (g *modelGen) next(n int) int {
	if g.i >= len(g.data) {
		return 0
	}
	g.i++
	return int(g.data[g.i-1]) % n
}

// particle writes a particle of at most depth levels of groups, with
// small bounds so that expanding them stays cheap.
func (g *modelGen) particle(b *strings.Builder, depth int) {
	lo := g.next(4)
	hi := fmt.Sprint(lo + g.next(4))
	if g.next(6) == 0 {
		hi = "unbounded"
	}
	occurs := fmt.Sprintf(` minOccurs="%d" maxOccurs="%s"`, lo, hi)
	if depth == 0 || g.next(3) == 0 {
		fmt.Fprintf(b, `<xs:element name="%c"%s/>`, 'a'+g.next(3), occurs)
		return
	}
	kind := [...]string{"sequence", "choice"}[g.next(2)]
	fmt.Fprintf(b, `<xs:%s%s>`, kind, occurs)
	for range 1 + g.next(3) {
		g.particle(b, depth-1)
	}
	fmt.Fprintf(b, `</xs:%s>`, kind)
}

func (g *modelGen) instance() string {
	var b strings.Builder
	b.WriteString("<r>")
	for range g.next(14) {
		fmt.Fprintf(&b, "<%c/>", 'a'+g.next(3))
	}
	b.WriteString("</r>")
	return b.String()
}

// walk writes an instance the automaton a accepts, or nearly: a random
// path from the start, ended where it may end, then one child dropped,
// repeated or left as it is.
func (g *modelGen) walk(a *automaton) string {
	var names []string
	s := int32(0)
	for len(names) < 40 && len(a.follow[s]) > 0 && !(a.final[s] && g.next(4) == 0) {
		p := a.follow[s][g.next(len(a.follow[s]))]
		names = append(names, a.pos[p].p.elem.name.local)
		s = p + 1
	}
	if len(names) > 0 {
		i := g.next(len(names))
		switch g.next(3) {
		case 0:
			names = append(names[:i], names[i+1:]...)
		case 1:
			names = append(names[:i+1], names[i:]...)
		}
	}
	if len(names) == 0 {
		return "<r/>"
	}
	return "<r><" + strings.Join(names, "/><") + "/></r>"
}

// checkCountedAgrees compiles the model data describes twice, with every
// bound counted and with every bound expanded, and requires the same
// verdicts: counting is exact, not an approximation.
func checkCountedAgrees(t *testing.T, data []byte) {
	g := &modelGen{data: data}
	var m strings.Builder
	g.particle(&m, 3)
	schema := `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="r"><xs:complexType>` +
		`<xs:sequence>` + m.String() + `</xs:sequence></xs:complexType></xs:element></xs:schema>`
	fsys := fstest.MapFS{"s.xsd": {Data: []byte(schema)}}
	counted, errC := CompileOptions(fsys, "s.xsd", &Options{countAbove: 1})
	expanded, errE := CompileOptions(fsys, "s.xsd", &Options{countAbove: -1})
	if (errC == nil) != (errE == nil) {
		t.Fatalf("%s\ncounted: %v\nexpanded: %v", schema, errC, errE)
	}
	if errC != nil {
		return
	}
	model := expanded.elements[qname{"", "r"}].typ.(*complexType).model
	for i := range 12 {
		doc := g.instance()
		if i%2 == 0 && model != nil {
			doc = g.walk(model)
		}
		c, why := ourVerdict(counted, []byte(doc))
		if e, _ := ourVerdict(expanded, []byte(doc)); c != e {
			t.Fatalf("%s\n%s: counted valid=%v, expanded valid=%v %s", schema, doc, c, e, why)
		}
	}
}

func TestCountedAgreesWithExpanded(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n := 3000
	if testing.Short() {
		n = 300
	}
	for range n {
		data := make([]byte, 256)
		for i := range data {
			data[i] = byte(r.Uint32())
		}
		checkCountedAgrees(t, data)
	}
}

func FuzzCountedModel(f *testing.F) {
	f.Add([]byte("\x01\x02\x03\x00\x01\x02\x05\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkCountedAgrees(t, data)
	})
}
