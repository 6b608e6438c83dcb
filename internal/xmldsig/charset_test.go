package xmldsig

import (
	"bytes"
	"crypto/x509"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// TestVerifyOtherCharset verifies a signed document after converting it to
// ISO-8859-1: the content is decoded with the CharsetReader before
// canonicalization, so the signature over the UTF-8 form holds.
func TestVerifyOtherCharset(t *testing.T) {
	key, cert := testKey(t, "ecdsa")
	doc := []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<r a="März">Größe: 12 € is not in Latin-1, ü is</r>`)
	doc = bytes.ReplaceAll(doc, []byte("€"), []byte("&#x20AC;"))
	signed, err := Sign(doc, key, []*x509.Certificate{cert})
	if err != nil {
		t.Fatal(err)
	}
	latin1, err := charmap.ISO8859_1.NewEncoder().Bytes(bytes.Replace(signed, []byte(`encoding="UTF-8"`), []byte(`encoding="ISO-8859-1"`), 1))
	if err != nil {
		t.Fatal(err)
	}
	charset := func(label string, r io.Reader) (io.Reader, error) {
		if !strings.EqualFold(label, "ISO-8859-1") {
			t.Fatalf("asked for charset %q", label)
		}
		return charmap.ISO8859_1.NewDecoder().Reader(r), nil
	}
	want, err := Verify(signed, VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Verify(latin1, VerifyOptions{CharsetReader: charset})
	if err != nil {
		t.Fatalf("Verify of the ISO-8859-1 form: %v", err)
	}
	if !bytes.Equal(got.Content, want.Content) {
		t.Errorf("Content:\n%s\nwant:\n%s", got.Content, want.Content)
	}
	// ISO-8859-1 is a charset the XML front door knows: no CharsetReader is needed.
	plain, err := Verify(latin1, VerifyOptions{})
	if err != nil {
		t.Fatalf("Verify of the ISO-8859-1 form without a CharsetReader: %v", err)
	}
	if !bytes.Equal(plain.Content, want.Content) {
		t.Errorf("Content without a CharsetReader:\n%s\nwant:\n%s", plain.Content, want.Content)
	}
}
