package safexml

import (
	"errors"
	"math/rand/v2"
	"testing"
)

// fastLimits adds, to the limits of the differential tests, limits small
// enough that the shortcuts meet them: a name of one byte, one attribute,
// a few levels, tokens of a few bytes.
var fastLimits = append([]Limits{
	{MaxBytes: 1 << 20, MaxDepth: 3, MaxAttrs: 1, MaxNameLen: 1, MaxTokenBytes: 3},
	{MaxBytes: 1 << 20, MaxDepth: 2, MaxAttrs: 2, MaxNameLen: 4, MaxTokenBytes: 16},
}, diffLimits...)

// sameResult fails t unless checkText returns exactly what the
// byte-at-a-time lexer returns for data: the same verdict, and for a
// refusal the same sentinel, code, position and message.
func sameResult(t *testing.T, data []byte, lim Limits) {
	t.Helper()
	lim = lim.normalized()
	got, want := checkTextMode(data, lim, true), checkTextMode(data, lim, false)
	if got == want {
		return
	}
	var g, w *Error
	if errors.As(got, &g) && errors.As(want, &w) && *g == *w {
		return
	}
	t.Fatalf("shortcuts change the result for %q\nwith:    %#v\nwithout: %#v", trim(data), got, want)
}

// fastCases put each shortcut at the edge of a limit or next to a
// refusal, where a shortcut that did not do exactly what step does would
// show.
var fastCases = []string{
	"<r><a>x</a><b/><c a='1'/><d a=\"1\" b='2'></d></r>",
	"<r><a a='1' b='2' c='3'/></r>",
	"<r><a a='1'b='2'/></r>",
	"<r><a a='1' a='2'/></r>",
	"<r xmlns:p='urn:p'><p:a p:x='1' x='2'/><q:a/></r>",
	"<r xmlns='urn:x'><a xmlns=''/></r>",
	"<r><a xmlns:p='&#x75;rn:p'/></r>",
	"<r><a><b><c><d/></c></b></a></r>",
	"<r>\n\t<a>\r\n x</a>\n</r>",
	"<r>\n\n\n<a/>\n \n</r>",
	"<r><a></b></r>",
	"<r></r></r>",
	"<r><a></a ></r>",
	"<r><1a/></r>",
	"<r><a1/><_a/><A-b.c/></r>",
	"<r><a/ ></r>",
	"<r><a b/></r>",
	"<r><a  b = 'c' /></r>",
	"<r><abcdefgh>x</abcdefgh></r>",
	"<r>]]></r>",
	"<r>a]]b>c</r>",
	"<r><a><!-- a -- b --></a></r>",
	"<r><é/></r>",
	"<r><a é='1'/></r>",
	"<r>\x01</r>",
	"<r>caf\xc3\xa9 \xc3</r>",
}

func TestFastMatchesStep(t *testing.T) {
	for _, c := range fastCases {
		for _, lim := range fastLimits {
			sameResult(t, []byte(c), lim)
		}
	}
	docs := diffCorpus(t)
	refused := 0
	for _, d := range docs {
		for _, lim := range fastLimits {
			sameResult(t, d, lim)
		}
		if checkText(d, fastLimits[0].normalized()) != nil {
			refused++
		}
	}
	// The tight limits must be met, or they test nothing.
	if refused < len(docs)/2 {
		t.Fatalf("only %d of %d documents refused under %+v", refused, len(docs), fastLimits[0])
	}
}

func TestFastMatchesStepOnMutations(t *testing.T) {
	docs := diffCorpus(t)
	rng := rand.New(rand.NewPCG(3, 4))
	n := 40
	if testing.Short() {
		n = 5
	}
	for _, d := range docs {
		for range n {
			m := mutate(rng, d)
			for _, lim := range fastLimits {
				sameResult(t, m, lim)
			}
		}
	}
}

// FuzzFastMatchesStep compares checkText with and without its shortcuts
// on arbitrary input.
func FuzzFastMatchesStep(f *testing.F) {
	for _, d := range diffCorpus(f) {
		if len(d) <= 16<<10 {
			f.Add(d)
		}
	}
	for _, c := range fastCases {
		f.Add([]byte(c))
	}
	for _, p := range pieces {
		f.Add([]byte("<r><a>" + p + "</a></r>"))
		f.Add([]byte("<r><p:a xmlns:p='urn:p'" + p + "/></r>"))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, lim := range fastLimits {
			sameResult(t, data, lim)
		}
	})
}
