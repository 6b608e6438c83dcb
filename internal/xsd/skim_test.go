package xsd

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
)

// skimSeeds are pieces of content for places that are not validated: well-formed, and
// each of the ways the scanner refuses a document there.
var skimSeeds = []string{
	`<x/>`,
	`<x a="1" b='2'>text<y/>more<!-- c --><![CDATA[<d>]]><?pi data?></x>`,
	"<x\n a=\"1\n2\"\n>\n<y>\r\n</y>\n</x>",
	`<p:x xmlns:p="urn:p" p:a="1" a="2"><p:y/><q:z xmlns:q="urn:q" q:b="&lt;&#65;"/></p:x>`,
	`<x xmlns="urn:d"><y xmlns=""/></x>`,
	`<x xml:lang="fr"/>`,
	`<x><y></x></y>`,
	`<x a="1" a="2"/>`,
	`<x xmlns:p="urn:p" xmlns:q="urn:p" p:a="1" q:a="2"/>`,
	`<p:x/>`,
	`<x p:a="1"/>`,
	`<x xmlns:p=""/>`,
	`<x xmlns:xml="urn:no"/>`,
	`<x xmlns:xmlns="urn:no"/>`,
	`<x xmlns:="urn:no"/>`,
	`<x:/>`,
	`<x a:b:c="1"/>`,
	`<1x/>`,
	`< x/>`,
	`<x a=1/>`,
	`<x a="1"b="2"/>`,
	`<x a="<"/>`,
	`<x a/>`,
	`<x a="1/>`,
	`<x/ >`,
	`<x>&bogus;</x>`,
	`<x>&#0;</x>`,
	`<x>&#x10000000;</x>`,
	`<x>&amp</x>`,
	`<x a="&bogus;"/>`,
	`<x>]]></x>`,
	`<!-- a -- b -->`,
	`<!-- a --->`,
	`<!-- open`,
	`<?xml version="1.0"?>`,
	`<? ?>`,
	`<![CDATA[open`,
	`<!DOCTYPE x>`,
	`<!ELEMENT x ANY>`,
	`<x></ x>`,
	`<x></x `,
	`<x>`,
	`<`,
	strings.Repeat("<d>", 300) + strings.Repeat("</d>", 300),
	`<x ` + strings.Repeat(`a`, 10) + `="1" ` + attrs(1100) + `/>`,
	`<x ` + attrs(20) + ` a0="dup"/>`,
	`<x xmlns:p="urn:p" xmlns:q="urn:p" ` + attrs(20) + ` p:a="1" q:a="2"/>`,
	"text\n<x/>\ntext",
	"\u00e9<\u00e9l\u00e9ment/>",
}

// attrs returns n attributes a0="0" a1="1" ….
func attrs(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, ` a%d="%d"`, i, i)
	}
	return b.String()
}

// skimDocs puts a piece of content where the suite schema validates nothing: in a skip
// wildcard (before an invalid element whose finding has a line), after an unexpected
// element, under an undeclared root, and after the findings cap.
func skimDocs(t testing.TB, piece string) []string {
	data, err := os.ReadFile("testdata/suite/valid/skip.xml")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	const skipped = `<anything xmlns="urn:whatever" at="all"><x/></anything>`
	if !strings.Contains(doc, skipped) {
		t.Fatal("testdata/suite/valid/skip.xml changed")
	}
	return []string{
		strings.Replace(strings.Replace(doc, skipped, piece, 1), "<Note>plain</Note>", "<Note>plain<bad/></Note>", 1),
		strings.Replace(doc, "<Note>plain</Note>", "<Note>plain<bad>"+piece+"</bad>\n<more/></Note>", 1),
		`<undeclared xmlns="urn:u">` + piece + `</undeclared>`,
		strings.Replace(doc, "<Note>plain</Note>", "<Note2/><Note2/>"+piece+"<Note2/>", 1),
	}
}

// TestSkimMatchesElements holds skim, which reads content that is not validated, to
// reading it element by element: the same findings, the same error, for every piece.
func TestSkimMatchesElements(t *testing.T) {
	s := suiteSchema(t)
	capped, err := CompileOptions(os.DirFS("testdata/suite"), "schema.xsd", &Options{MaxFindings: 1, MaxAttributes: 1024})
	if err != nil {
		t.Fatal(err)
	}
	for i, piece := range skimSeeds {
		for j, doc := range skimDocs(t, piece) {
			for _, sch := range []*Schema{s, capped} {
				if msg := skimDiffers(sch, []byte(doc)); msg != "" {
					t.Errorf("seed %d, place %d: %s\n%s", i, j, msg, doc)
				}
			}
		}
	}
}

// skimDiffers validates doc with and without skim and says how the results differ.
func skimDiffers(s *Schema, doc []byte) string {
	slow := *s
	slow.noSkim = true
	f1, err1 := s.ValidateBytes(doc)
	f2, err2 := slow.ValidateBytes(doc)
	if fmt.Sprint(err1) != fmt.Sprint(err2) || !reflect.DeepEqual(f1, f2) {
		return fmt.Sprintf("skim: %v %v\nelements: %v %v", f1, err1, f2, err2)
	}
	return ""
}

// FuzzSkim holds skim to reading element by element on arbitrary content in the places
// of skimDocs.
func FuzzSkim(f *testing.F) {
	s := suiteSchema(f)
	for _, p := range skimSeeds {
		f.Add(p, uint8(0))
	}
	f.Fuzz(func(t *testing.T, piece string, place uint8) {
		docs := skimDocs(t, piece)
		doc := docs[int(place)%len(docs)]
		if msg := skimDiffers(s, []byte(doc)); msg != "" {
			t.Fatal(msg)
		}
	})
}
