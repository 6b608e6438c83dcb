package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/conformance/refimpl"
	"github.com/jcx-dev/jcx/conformance/testpki"

	"github.com/jcx-dev/jcx/internal/testtool"
)

func TestConformanceRunBuiltIn(t *testing.T) {
	dir := t.TempDir()
	j, js, h := filepath.Join(dir, "junit.xml"), filepath.Join(dir, "r.json"), filepath.Join(dir, "r.html")
	r := jcx(t, "", "conformance", "run", "--timeout", "1m", "--junit", j, "--json", js, "--html", h)
	if r.code != exitConformant || !strings.Contains(r.stdout, "\nconformant\n") || !strings.Contains(r.stdout, "digest ") {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	for _, f := range []string{j, js, h} {
		if st, err := os.Stat(f); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	var res struct {
		Conformant bool `json:"conformant"`
		Cases      []struct{ ID string }
	}
	b, _ := os.ReadFile(js)
	if err := json.Unmarshal(b, &res); err != nil || !res.Conformant || len(res.Cases) < 100 {
		t.Errorf("json report: %v %v %d cases", err, res.Conformant, len(res.Cases))
	}
	// The summary counts runs (a case per encoding) and cases, the ones conformance
	// list gives.
	var list struct{ Cases []json.RawMessage }
	l := jcx(t, "", "conformance", "list", "--output", "json")
	if err := json.Unmarshal([]byte(l.stdout), &list); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("\n%d runs of %d cases in ", len(res.Cases), len(list.Cases))
	if !strings.Contains(r.stdout, want) {
		t.Errorf("summary lacks %q:\n%s", want, r.stdout)
	}
}

func TestConformanceExitCodes(t *testing.T) {
	faulty, err := refimplWith(refimpl.AcceptReplays)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(faulty)
	defer srv.Close()
	// Implementations that accept the connection and then fail are tested, not
	// "unreachable": their verdicts and the exit code 1 say what they do.
	status500 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "internal error", http.StatusInternalServerError)
	}))
	defer status500.Close()
	closes := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, _, err := http.NewResponseController(w).Hijack()
		if err == nil {
			c.Close()
		}
	}))
	defer closes.Close()
	release := make(chan struct{})
	hangs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer hangs.Close()
	defer close(release)
	few := []string{"--run", "JCX-C-000[12]", "--timeout", "1s"}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"not conformant", []string{"--target", srv.URL, "--run", "JCX-C-001[01]"}, exitNotConformant, "JCX-C-0011/xml"},
		{"refused", []string{"--target", "http://127.0.0.1:1/"}, exitUnreachable, "unreachable"},
		{"unknown host", []string{"--target", "http://no-such-host.invalid/"}, exitUnreachable, "unreachable"},
		{"HTTP 500", append([]string{"--target", status500.URL}, few...), exitNotConformant, "HTTP status 500"},
		{"closes", append([]string{"--target", closes.URL}, few...), exitNotConformant, "error"},
		{"hangs", append([]string{"--target", hangs.URL}, few...), exitNotConformant, "timeout"},
		{"not http", []string{"--target", "ftp://127.0.0.1/"}, exitUsage, "http or https"},
		{"malformed target", []string{"--target", "http://[::1"}, exitUsage, "--target"},
		{"no host", []string{"--target", "http:///path"}, exitUsage, "no host"},
		{"bad port", []string{"--target", "http://127.0.0.1:99999/"}, exitUsage, "port"},
		{"zero timeout", []string{"--timeout", "0s"}, exitUsage, "--timeout"},
		{"negative timeout", []string{"--timeout", "-1s"}, exitUsage, "--timeout"},
		{"zero parallel", []string{"--parallel", "0"}, exitUsage, "--parallel"},
		{"negative parallel", []string{"--parallel", "-3"}, exitUsage, "--parallel"},
		{"malformed flag", []string{"--timeout", "soon"}, exitUsage, "timeout"},
		{"bad shard", []string{"--shard", "3/2"}, exitUsage, "shard"},
		{"bad regexp", []string{"--run", "("}, exitUsage, "regexp"},
		{"both targets", []string{"--target", srv.URL, "--exec", "true"}, exitUsage, "exclude"},
		{"unknown suite", []string{"--suite", "nope"}, exitHarness, "neither"},
		{"unknown profile", []string{"--profile", "nope"}, exitHarness, "profile"},
		// Nothing selected is not a pass.
		{"vacuous", []string{"--run", "no-such-case"}, exitHarness, "inconclusive: no case testing a MUST requirement ran"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := jcx(t, "", append([]string{"conformance", "run"}, tt.args...)...)
			if r.code != tt.code || !strings.Contains(r.stdout+r.stderr, tt.want) {
				t.Errorf("exit %d, want %d; output lacks %q?\n%s\n%s", r.code, tt.code, tt.want, r.stdout, r.stderr)
			}
		})
	}
}

func refimplWith(f refimpl.Fault) (*refimpl.Server, error) {
	cfg, err := refimpl.DefaultConfig()
	if err != nil {
		return nil, err
	}
	cfg.Faults = []refimpl.Fault{f}
	return refimpl.New(cfg)
}

func TestConformanceList(t *testing.T) {
	r := jcx(t, "", "conformance", "list")
	if r.code != exitOK || !strings.Contains(r.stdout, "JCX-C-0042") || !strings.Contains(r.stdout, "JCX-OBJ-006") {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = jcx(t, "", "conformance", "list", "--output", "json")
	var v struct{ Cases []json.RawMessage }
	if r.code != exitOK || json.Unmarshal([]byte(r.stdout), &v) != nil || len(v.Cases) < 60 {
		t.Fatalf("exit %d, %d cases", r.code, len(v.Cases))
	}
}

func TestConformanceCertificate(t *testing.T) {
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
	otherCA, _ := testpki.File("untrusted-ca.pem")
	other := write("other.pem", otherCA)
	cert := filepath.Join(dir, "cert.json")

	// A partial run is not certifiable.
	r := jcx(t, "", "conformance", "run", "--run", "JCX-C-0001", "--certificate", cert, "--key", key, "--cert", chain)
	if r.code != exitHarness || !strings.Contains(r.stderr, "not certifiable") {
		t.Fatalf("partial run: exit %d\n%s", r.code, r.stderr)
	}
	r = jcx(t, "", "conformance", "run", "--timeout", "1m", "--certificate", cert, "--key", key, "--cert", chain)
	if r.code != exitConformant {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	r = jcx(t, "", "conformance", "verify-certificate", "--trust", ca, cert)
	if r.code != exitOK || !strings.Contains(r.stdout, "JCX-HDR-001 MUST   pass") {
		t.Fatalf("verify: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if r := jcx(t, "", "conformance", "verify-certificate", "--trust", other, cert); r.code != exitInvalid {
		t.Errorf("untrusted signer: exit %d", r.code)
	}
	b, _ := os.ReadFile(cert)
	i := strings.Index(string(b), `"signature"`) + 20
	b[i] ^= 1
	if r := jcx(t, "", "conformance", "verify-certificate", "--trust", ca, write("changed.json", b)); r.code != exitInvalid {
		t.Errorf("changed byte: exit %d", r.code)
	}
	// A copy of the suite with one changed file has another digest.
	suite := filepath.Join(dir, "suite")
	if err := os.CopyFS(suite, os.DirFS("../../conformance/suites/core")); err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(suite, "messages", "get.xml")
	orig, _ := os.ReadFile(f)
	os.WriteFile(f, append(orig, '\n'), 0o644)
	r = jcx(t, "", "conformance", "verify-certificate", "--trust", ca, "--suite", suite, cert)
	if r.code != exitInvalid || !strings.Contains(r.stderr, "digest") {
		t.Errorf("modified suite: exit %d\n%s", r.code, r.stderr)
	}
	// And a run of a modified suite cannot be certified.
	r = jcx(t, "", "conformance", "run", "--timeout", "1m", "--suite", suite, "--certificate", cert, "--key", key, "--cert", chain)
	if r.code != exitHarness || !strings.Contains(r.stderr, "modified") {
		t.Errorf("certify modified suite: exit %d\n%s", r.code, r.stderr)
	}
}

// The example exec adapter (Python, forwarding to HTTP) against the reference
// implementation: the exec protocol as documented, from another language.
func TestConformanceExecPythonAdapter(t *testing.T) {
	py := testtool.Need(t, "python3", "python3")
	srv := httptest.NewServer(mustRefimpl(t))
	defer srv.Close()
	adapter, _ := filepath.Abs("../../examples/exec-adapter/adapter.py")
	r := jcx(t, "", "conformance", "run", "--timeout", "1m", "--exec", py+" "+adapter+" "+srv.URL)
	if r.code != exitConformant {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}

func mustRefimpl(t *testing.T) *refimpl.Server {
	t.Helper()
	s, err := refimpl.Default()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// --trust decides whose signatures the harness accepts on answers.
func TestConformanceTrust(t *testing.T) {
	pki, err := testpki.Load()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ca := filepath.Join(dir, "ca.pem")
	os.WriteFile(ca, pki.BundlePEM, 0o644)
	otherPEM, _ := testpki.File("untrusted-ca.pem")
	other := filepath.Join(dir, "other.pem")
	os.WriteFile(other, otherPEM, 0o644)
	if r := jcx(t, "", "conformance", "run", "--run", "JCX-C-000", "--trust", ca); r.code != exitConformant {
		t.Errorf("test CA: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// Trusting the wrong CA fails every signature check: nothing could be judged, and
	// the summary says once which flag is missing and who signed the answers.
	r := jcx(t, "", "conformance", "run", "--run", "JCX-C-000", "--trust", other)
	if r.code != exitHarness || !strings.Contains(r.stdout, "inconclusive: the answers are signed as LU/jcx-reference") ||
		!strings.Contains(r.stdout, "--trust") {
		t.Errorf("other CA: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// Expecting another identity: the hint names the signer and --implementation.
	r = jcx(t, "", "conformance", "run", "--run", "JCX-C-000", "--implementation", "DE/someone")
	if r.code != exitHarness || !strings.Contains(r.stdout, "give --implementation LU/jcx-reference") {
		t.Errorf("other identity: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestConformanceNamesTheBuiltInTarget(t *testing.T) {
	r := jcx(t, "", "conformance", "run", "--run", "JCX-C-0001", "--timeout", "1m")
	if r.code != exitConformant || !strings.Contains(r.stdout, "target: built-in reference implementation") {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
