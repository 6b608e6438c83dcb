package hi1

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/internal/testtool"
)

// TestNoSuperlinearCost decodes documents built to make the decoder's bookkeeping costly
// (sibling positions, text split in many pieces, extensions that each need the
// namespaces of a wide scope) and compares their CPU time with a plain message of the same
// size. Quadratic bookkeeping would cost hundreds of times more.
func TestNoSuperlinearCost(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("timing comparison; needs a normal build and a few seconds")
	}
	const size = 1 << 20
	wrap := func(unit string, head, tail string) []byte {
		parts := strings.SplitN(minimal, "<ActionRequest>", 2)
		var b strings.Builder
		b.WriteString(strings.Replace(parts[0], "<HI1Message ", "<HI1Message "+head, 1))
		for b.Len() < size {
			b.WriteString(unit)
		}
		b.WriteString(tail)
		b.WriteString("<ActionRequest>" + parts[1])
		return []byte(b.String())
	}
	action := `<ActionRequest><ActionIdentifier>0</ActionIdentifier><GET><Identifier>7dbbc880-8750-4d3c-abe7-ea4a17646045</Identifier></GET></ActionRequest>`
	// Extensions: many small elements under XMLData, each using prefixes of a scope of
	// 240 declarations (60 on each of four elements, the attribute limit being 64).
	decls := func(from int) string {
		var b strings.Builder
		for i := from; i < from+60; i++ {
			fmt.Fprintf(&b, ` xmlns:p%d="urn:example:%s:%d"`, i, strings.Repeat("n", 40), i)
		}
		return b.String()
	}
	var ext strings.Builder
	head := strings.SplitN(minimal, "<Payload>", 2)[0]
	ext.WriteString(strings.Replace(head, "<HI1Message ", "<HI1Message"+decls(0)+" ", 1))
	ext.WriteString("<Payload" + decls(60) + "><RequestPayload" + decls(120) + "><ActionRequests" + decls(180) + ">")
	ext.WriteString(`<ActionRequest><ActionIdentifier>0</ActionIdentifier><DELIVER><Identifier>7dbbc880-8750-4d3c-abe7-ea4a17646045</Identifier>` +
		`<HI1Object xmlns:d="` + NSDelivery + `" xsi:type="d:DeliveryObject"><ObjectIdentifier>7dbbc880-8750-4d3c-abe7-ea4a17646045</ObjectIdentifier><d:Delivery><d:XMLData>`)
	for ext.Len() < size {
		ext.WriteString(`<p239:x p0:a="p1:v">p2:t</p239:x>`)
	}
	ext.WriteString(`</d:XMLData></d:Delivery></HI1Object></DELIVER></ActionRequest></ActionRequests></RequestPayload></Payload></HI1Message>`)
	tests := map[string][]byte{
		"siblings":   wrap(`<ActionRequest><ActionIdentifier>0</ActionIdentifier><LIST></LIST></ActionRequest>`, "", ""),
		"extensions": []byte(ext.String()),
		// A UniqueIdentifier of alternating text and CDATA sections.
		"text pieces": []byte(strings.Replace(minimal, "ACTOR01", strings.Repeat("a<![CDATA[b]]>", size/14), 1)),
	}
	cost := func(doc []byte) time.Duration {
		best := time.Duration(1 << 62)
		for range 3 {
			before := testtool.ProcessCPU()
			_, err := Decode(doc, exchange.Limits{})
			// The extensions would take ten times the document: refused (3022).
			if inv := (*exchange.InvalidError)(nil); err != nil && (!errors.As(err, &inv) || !inv.Has(exchange.CodeTooLarge)) {
				t.Fatal(err)
			}
			best = min(best, testtool.ProcessCPU()-before)
		}
		return best
	}
	base := cost(wrap(action, "", ""))
	for name, doc := range tests {
		c := cost(doc)
		t.Logf("%s (%d bytes): %v, plain message of the same size: %v", name, len(doc), c, base)
		if c > 8*base {
			t.Errorf("%s costs %.1f times a plain message", name, float64(c)/float64(base))
		}
	}
}
