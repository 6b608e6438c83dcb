package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/exchange/hi1"
)

// TestSignVerifyHI1 runs jcx sign and jcx verify on HI-1 messages: told apart by their
// root, signed with either canonicalization, refused when invalid or signed in another
// party's name, and tampering detected.
func TestSignVerifyHI1(t *testing.T) {
	dir := t.TempDir()
	p := func(name string) string { return filepath.Join(dir, name) }
	jcx := func(wantCode int, args ...string) (string, string) {
		t.Helper()
		var out, errb bytes.Buffer
		if code := run(args, strings.NewReader(""), &out, &errb); code != wantCode {
			t.Fatalf("jcx %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, wantCode, out.String(), errb.String())
		}
		return out.String(), errb.String()
	}
	write := func(name string, b []byte) string {
		t.Helper()
		if err := os.WriteFile(p(name), b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p(name)
	}
	jcx(0, "keygen", "--country", "NL", "--authority", "om-rotterdam", "--key-out", p("nl.key"), "--cert-out", p("nl.pem"))
	jcx(0, "keygen", "--country", "BE", "--authority", "parquet-bruxelles", "--alg", "rsa-3072", "--key-out", p("be.key"), "--cert-out", p("be.pem"))
	write("bundle.pem", append(mustRead(t, p("nl.pem")), mustRead(t, p("be.pem"))...))

	task := &hi1.LDTaskObject{
		ObjectBase: hi1.ObjectBase{ObjectIdentifier: hi1.NewObjectIdentifier(), CountryCode: "NL", OwnerIdentifier: "om-rotterdam"},
		Reference:  "NL-om-rotterdam-0001",
	}
	req := hi1.NewRequest(hi1.NewHeader(hi1.EndpointID{CountryCode: "NL", UniqueIdentifier: "om-rotterdam"},
		hi1.EndpointID{CountryCode: "IE", UniqueIdentifier: "provider-legal-rep"}, "NL", "v1.0"),
		hi1.ActionRequest{CREATE: &hi1.CREATERequest{HI1Object: task}})
	plainBytes, err := hi1.Encode(req)
	if err != nil {
		t.Fatal(err)
	}
	plain := write("plain.xml", plainBytes)

	for _, tc := range []struct{ c14n, want string }{
		{"", "http://www.w3.org/2006/12/xml-c14n11"},
		{"c14n11", "http://www.w3.org/2006/12/xml-c14n11"},
		{"exc-c14n", `PrefixList="task"`},
	} {
		signed := p("signed-" + tc.c14n + ".xml")
		args := []string{"sign", "--key", p("nl.key"), "--cert", p("nl.pem"), "--out", signed}
		if tc.c14n != "" {
			args = append(args, "--c14n", tc.c14n)
		}
		jcx(0, append(args, plain)...)
		if b := mustRead(t, signed); !bytes.Contains(b, []byte(tc.want)) || !bytes.Contains(b, []byte("<ds:Signature")) {
			t.Errorf("--c14n %q: the signature lacks %s", tc.c14n, tc.want)
		}
		if out, _ := jcx(0, "verify", "--trust", p("bundle.pem"), signed); !strings.Contains(out, "NL:om-rotterdam") {
			t.Errorf("verify output does not name the signer: %q", out)
		}
		tampered := write("tampered.xml", bytes.Replace(mustRead(t, signed), []byte("provider-legal-rep"), []byte("provider-legal-xx"), 1))
		if out, _ := jcx(1, "verify", "--output", "json", "--trust", p("bundle.pem"), tampered); !strings.Contains(out, `"code": 8002`) || !strings.Contains(out, "/HI1Message/ds:Signature") {
			t.Errorf("tampered: want 8002 at the signature, got %q", out)
		}
	}

	if out, _ := jcx(1, "verify", "--trust", p("bundle.pem"), plain); !strings.Contains(out, "8001") {
		t.Errorf("unsigned: want 8001, got %q", out)
	}
	wrong := p("wrong.xml")
	var refusal bytes.Buffer
	if code := run([]string{"sign", "--key", p("be.key"), "--cert", p("be.pem"), "--out", wrong, plain}, strings.NewReader(""), io.Discard, &refusal); code != 1 || !strings.Contains(refusal.String(), "8004") {
		t.Errorf("sign in another party's name: exit %d, want 1 with 8004; stderr %q", code, refusal.String())
	}
	if _, err := os.Stat(wrong); err == nil {
		t.Error("a refused signature was written")
	}
	jcx(0, "sign", "--unchecked", "--key", p("be.key"), "--cert", p("be.pem"), "--out", wrong, plain)
	if out, _ := jcx(1, "verify", "--trust", p("bundle.pem"), wrong); !strings.Contains(out, "8004") {
		t.Errorf("signed by another party: want 8004, got %q", out)
	}
	gap := write("gap.xml", bytes.Replace(plainBytes, []byte("<ActionIdentifier>0<"), []byte("<ActionIdentifier>3<"), 1))
	if _, stderr := jcx(1, "sign", "--key", p("nl.key"), "--cert", p("nl.pem"), gap); !strings.Contains(stderr, "3007") {
		t.Errorf("invalid HI-1 message: want 3007, got %q", stderr)
	}
	jcx(2, "sign", "--key", p("nl.key"), "--cert", p("nl.pem"), "--c14n", "c14n10", plain)
	core := write("core.xml", []byte(`<Message xmlns="https://jcx.dev/ns/core/2026-11"/>`))
	if _, stderr := jcx(2, "sign", "--key", p("nl.key"), "--cert", p("nl.pem"), "--c14n", "exc-c14n", core); !strings.Contains(stderr, "HI-1 messages only") {
		t.Errorf("--c14n on a jcx message: %q", stderr)
	}
	for _, cmd := range []string{"sign", "verify"} {
		if out, _ := jcx(0, "help", cmd); !strings.Contains(out, "HI1Message") {
			t.Errorf("jcx help %s does not say how HI-1 messages are told apart", cmd)
		}
	}
}
