package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/conformance/testpki"
)

// TestConformanceRunHI1 runs the hi1 suite against the built-in reference implementation
// in its HI-1 profile, with every report and a certificate, and verifies the certificate.
func TestConformanceRunHI1(t *testing.T) {
	pki, err := testpki.Load()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	key := write("key.pem", pki.Implementation.KeyPEM)
	chain := write("cert.pem", append(append([]byte{}, pki.Implementation.CertPEM...), pki.BundlePEM...))
	ca := write("ca.pem", pki.BundlePEM)
	j, js, h, cert := filepath.Join(dir, "junit.xml"), filepath.Join(dir, "r.json"), filepath.Join(dir, "r.html"), filepath.Join(dir, "cert.json")
	r := jcx(t, "", "conformance", "run", "--suite", "hi1", "--timeout", "1m", "--junit", j, "--json", js, "--html", h,
		"--certificate", cert, "--key", key, "--cert", chain)
	if r.code != exitConformant || !strings.Contains(r.stdout, "\nconformant\n") || !strings.Contains(r.stdout, "suite hi1 ") {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	var res struct {
		Conformant bool `json:"conformant"`
		Suite      struct{ ID, Digest string }
		Cases      []struct{ ID, Verdict string }
	}
	b, _ := os.ReadFile(js)
	if err := json.Unmarshal(b, &res); err != nil || !res.Conformant || res.Suite.ID != "hi1" || len(res.Cases) < 19 {
		t.Fatalf("json report: %v %+v", err, res)
	}
	for _, c := range res.Cases {
		if !strings.HasPrefix(c.ID, "HI1-C-") || c.Verdict != "pass" {
			t.Errorf("case %s: %s", c.ID, c.Verdict)
		}
	}
	for _, f := range []string{j, h} {
		if b, err := os.ReadFile(f); err != nil || !strings.Contains(string(b), "HI1-C-0001") {
			t.Errorf("%s does not name the hi1 cases: %v", f, err)
		}
	}
	r = jcx(t, "", "conformance", "verify-certificate", "--trust", ca, cert)
	if r.code != exitOK || !strings.Contains(r.stdout, "suite hi1 ") || !strings.Contains(r.stdout, res.Suite.Digest) || !strings.Contains(r.stdout, "HI1-6.2.5-02") {
		t.Fatalf("verify: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}
