package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/trust"
)

// TestKeygenSignVerify runs the signature commands end to end: a CA, two parties issued
// by it, a message signed by its sender (accepted) and by someone else (8004), and a
// tampered message (8002).
func TestKeygenSignVerify(t *testing.T) {
	dir := t.TempDir()
	p := func(name string) string { return filepath.Join(dir, name) }
	jcx := func(wantCode int, args ...string) string {
		t.Helper()
		var out, errb bytes.Buffer
		if code := run(args, strings.NewReader(""), &out, &errb); code != wantCode {
			t.Fatalf("jcx %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, wantCode, out.String(), errb.String())
		}
		return out.String()
	}
	// Self-signed party certificates, trusted by pinning them in the bundle.
	jcx(0, "keygen", "--country", "NL", "--authority", "om-rotterdam", "--key-out", p("nl.key"), "--cert-out", p("nl.pem"))
	jcx(0, "keygen", "--country", "BE", "--authority", "parquet-bruxelles", "--alg", "rsa-3072", "--key-out", p("be.key"), "--cert-out", p("be.pem"))
	jcx(2, "keygen", "--country", "NL", "--authority", "om-rotterdam", "--key-out", p("nl.key"), "--cert-out", p("other.pem")) // never overwrite a key
	bundle := append(mustRead(t, p("nl.pem")), mustRead(t, p("be.pem"))...)
	if err := os.WriteFile(p("bundle.pem"), bundle, 0o644); err != nil {
		t.Fatal(err)
	}
	nl := exchange.Party{CountryCode: "NL", UniqueIdentifier: "om-rotterdam"}
	ie := exchange.Party{CountryCode: "IE", UniqueIdentifier: "provider-legal-rep"}
	req := exchange.NewRequest(nl, ie, exchange.Action{GETCAPABILITIES: &exchange.CapabilitiesAction{}})
	for _, f := range []exchange.Format{exchange.FormatXML, exchange.FormatJSON} {
		ext := f.String()
		plain, err := exchange.Marshal(req, f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p("plain."+ext), plain, 0o644); err != nil {
			t.Fatal(err)
		}
		signed := p("signed." + ext)
		jcx(0, "sign", "--key", p("nl.key"), "--cert", p("nl.pem"), "--out", signed, p("plain."+ext))
		out := jcx(0, "verify", "--trust", p("bundle.pem"), signed)
		if !strings.Contains(out, "NL:om-rotterdam") {
			t.Errorf("verify output does not name the signer: %q", out)
		}
		if out := jcx(1, "verify", "--trust", p("bundle.pem"), p("plain."+ext)); !strings.Contains(out, "8001") {
			t.Errorf("unsigned: want 8001, got %q", out)
		}
		wrong := p("wrong." + ext)
		var refusal bytes.Buffer
		if code := run([]string{"sign", "--key", p("be.key"), "--cert", p("be.pem"), "--out", wrong, p("plain." + ext)}, strings.NewReader(""), io.Discard, &refusal); code != 1 || !strings.Contains(refusal.String(), "8004") {
			t.Errorf("sign in another party's name: exit %d, want 1 with 8004; stderr %q", code, refusal.String())
		}
		if _, err := os.Stat(wrong); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a refused signature was written: %v", err)
		}
		jcx(0, "sign", "--unchecked", "--key", p("be.key"), "--cert", p("be.pem"), "--out", wrong, p("plain."+ext))
		if out := jcx(1, "verify", "--trust", p("bundle.pem"), wrong); !strings.Contains(out, "8004") {
			t.Errorf("signed by another party: want 8004, got %q", out)
		}
		tampered := bytes.Replace(mustRead(t, signed), []byte("provider-legal-rep"), []byte("provider-legal-xx"), 1)
		if err := os.WriteFile(p("tampered."+ext), tampered, 0o644); err != nil {
			t.Fatal(err)
		}
		if out := jcx(1, "verify", "--output", "json", "--trust", p("bundle.pem"), p("tampered."+ext)); !strings.Contains(out, `"code": 8002`) {
			t.Errorf("tampered: want 8002, got %q", out)
		}
		// validate says a signature was not checked, and checks it with --trust.
		if out := jcx(0, "validate", p("tampered."+ext)); !strings.Contains(out, "signature not checked") {
			t.Errorf("validate without --trust: want the signature reported as not checked, got %q", out)
		}
		if out := jcx(0, "validate", "--output", "json", p("plain."+ext)); !strings.Contains(out, `"signature": "absent"`) {
			t.Errorf("validate unsigned: want signature absent, got %q", out)
		}
		if out := jcx(1, "validate", "--trust", p("bundle.pem"), p("tampered."+ext)); !strings.Contains(out, "8002") {
			t.Errorf("validate --trust tampered: want 8002, got %q", out)
		}
		if out := jcx(1, "validate", "--trust", p("bundle.pem"), p("plain."+ext)); !strings.Contains(out, "8001") {
			t.Errorf("validate --trust unsigned: want 8001, got %q", out)
		}
		if out := jcx(0, "validate", "--output", "json", "--trust", p("bundle.pem"), signed); !strings.Contains(out, `"signature": "checked"`) {
			t.Errorf("validate --trust signed: want signature checked, got %q", out)
		}
	}
	jcx(2, "verify", "nothing.xml") // --trust missing
	jcx(2, "validate", "--trust", p("missing.pem"), p("plain.xml"))
	jcx(2, "validate", "--schema-only", "--trust", p("bundle.pem"), p("plain.xml"))
	jcx(2, "sign", "--key", p("nl.key"), p("missing-cert"))
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestKeygenIssuedByCA issues a party certificate from a CA and trusts only the CA.
func TestKeygenIssuedByCA(t *testing.T) {
	dir := t.TempDir()
	p := func(name string) string { return filepath.Join(dir, name) }
	ca, err := trust.NewCA(trust.CARequest{CommonName: "Test Central Authority CA"})
	if err != nil {
		t.Fatal(err)
	}
	caKey, err := trust.MarshalPrivateKeyPEM(ca.Key)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(p("ca.key"), caKey, 0o600)
	os.WriteFile(p("ca.pem"), trust.MarshalCertificatePEM(ca.Certificate), 0o644)
	var out, errb bytes.Buffer
	if code := run([]string{"keygen", "--country", "PT", "--authority", "pgr-lisboa", "--ca-cert", p("ca.pem"), "--ca-key", p("ca.key"), "--key-out", p("pt.key"), "--cert-out", p("pt.pem")}, nil, &out, &errb); code != 0 {
		t.Fatalf("keygen: exit %d: %s", code, errb.String())
	}
	req := exchange.NewRequest(exchange.Party{CountryCode: "PT", UniqueIdentifier: "pgr-lisboa"}, exchange.Party{CountryCode: "ES", UniqueIdentifier: "fiscalia-madrid"},
		exchange.Action{GETCAPABILITIES: &exchange.CapabilitiesAction{}})
	plain, _ := exchange.Marshal(req, exchange.FormatXML)
	os.WriteFile(p("m.xml"), plain, 0o644)
	for _, args := range [][]string{
		{"sign", "--key", p("pt.key"), "--cert", p("pt.pem"), "--out", p("s.xml"), p("m.xml")},
		{"verify", "--trust", p("ca.pem"), p("s.xml")},
	} {
		out.Reset()
		errb.Reset()
		if code := run(args, nil, &out, &errb); code != 0 {
			t.Fatalf("jcx %s: exit %d: %s%s", args[0], code, out.String(), errb.String())
		}
	}
}
