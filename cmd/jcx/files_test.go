package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/schemas/xmlschema"
)

const testPKI = "../../conformance/testpki/"

// oversized makes a sparse regular file one byte longer than limit: it costs no disk,
// and a reader without a limit would allocate all of it.
func oversized(t *testing.T, limit int64) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "big")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(limit + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return p
}

// TestFileSizeLimits points every file flag of every command at an endless file
// (/dev/zero) and at a regular file one byte over its limit: each is refused with the
// documented exit status and an error naming the limit, after reading no more than the
// limit.
func TestFileSizeLimits(t *testing.T) {
	ca, key, cert := testPKI+"ca.pem", testPKI+"implementation.key.pem", testPKI+"implementation.pem"
	msg := "../../testdata/messages/valid/capabilities-es-fr-request.xml"
	tests := []struct {
		name  string
		limit int64
		code  int
		args  func(bad string) []string
	}{
		{"verify --trust", maxPEMBytes, exitUsage, func(b string) []string { return []string{"verify", "--trust", b, msg} }},
		{"sign --key", maxPEMBytes, exitUsage, func(b string) []string { return []string{"sign", "--key", b, "--cert", cert, msg} }},
		{"sign --cert", maxPEMBytes, exitUsage, func(b string) []string { return []string{"sign", "--key", key, "--cert", b, msg} }},
		{"sign --chain", maxPEMBytes, exitUsage, func(b string) []string {
			return []string{"sign", "--key", key, "--cert", cert, "--chain", b, msg}
		}},
		{"keygen --ca-key", maxPEMBytes, exitUsage, func(b string) []string {
			d := t.TempDir()
			return []string{"keygen", "--country", "NL", "--authority", "x", "--ca-cert", ca, "--ca-key", b, "--key-out", d + "/k", "--cert-out", d + "/c"}
		}},
		{"keygen --ca-cert", maxPEMBytes, exitUsage, func(b string) []string {
			d := t.TempDir()
			return []string{"keygen", "--country", "NL", "--authority", "x", "--ca-cert", b, "--ca-key", testPKI + "ca.key.pem", "--key-out", d + "/k", "--cert-out", d + "/c"}
		}},
		{"serve --trust", maxPEMBytes, exitUsage, func(b string) []string { return []string{"serve", "--addr", "127.0.0.1:0", "--trust", b} }},
		{"serve --key", maxPEMBytes, exitUsage, func(b string) []string { return []string{"serve", "--addr", "127.0.0.1:0", "--key", b, "--cert", cert} }},
		{"serve --cert", maxPEMBytes, exitUsage, func(b string) []string { return []string{"serve", "--addr", "127.0.0.1:0", "--key", key, "--cert", b} }},
		{"serve --tls-cert", maxPEMBytes, exitUsage, func(b string) []string {
			return []string{"serve", "--addr", "127.0.0.1:0", "--tls-cert", b, "--tls-key", key}
		}},
		{"serve --tls-key", maxPEMBytes, exitUsage, func(b string) []string {
			return []string{"serve", "--addr", "127.0.0.1:0", "--tls-cert", cert, "--tls-key", b}
		}},
		{"serve --client-ca", maxPEMBytes, exitUsage, func(b string) []string {
			return []string{"serve", "--addr", "127.0.0.1:0", "--tls-cert", cert, "--tls-key", key, "--client-ca", b}
		}},
		{"conformance run --waivers", maxConfigBytes, exitHarness, func(b string) []string { return []string{"conformance", "run", "--waivers", b} }},
		{"conformance run --capabilities", maxConfigBytes, exitHarness, func(b string) []string {
			return []string{"conformance", "run", "--capabilities", b}
		}},
		{"conformance run --trust", maxPEMBytes, exitHarness, func(b string) []string { return []string{"conformance", "run", "--trust", b} }},
		{"conformance run --tls-ca", maxPEMBytes, exitHarness, func(b string) []string {
			return []string{"conformance", "run", "--target", "https://127.0.0.1:1/", "--tls-ca", b}
		}},
		{"conformance run --tls-cert", maxPEMBytes, exitHarness, func(b string) []string {
			return []string{"conformance", "run", "--target", "https://127.0.0.1:1/", "--tls-cert", b, "--tls-key", key}
		}},
		{"conformance run --key", maxPEMBytes, exitHarness, func(b string) []string {
			return []string{"conformance", "run", "--certificate", t.TempDir() + "/c", "--key", b, "--cert", cert}
		}},
		{"conformance run --cert", maxPEMBytes, exitHarness, func(b string) []string {
			return []string{"conformance", "run", "--certificate", t.TempDir() + "/c", "--key", key, "--cert", b}
		}},
		{"verify-certificate --trust", maxPEMBytes, exitUsage, func(b string) []string {
			return []string{"conformance", "verify-certificate", "--trust", b, msg}
		}},
		{"verify-certificate FILE", maxCertificateBytes, exitUsage, func(b string) []string {
			return []string{"conformance", "verify-certificate", "--trust", ca, b}
		}},
		{"validate --xsd", xmlschema.DefaultMaxSchemaBytes, exitUsage, func(b string) []string { return []string{"validate", "--xsd", b, msg} }},
	}
	for _, tc := range tests {
		for _, src := range []string{"/dev/zero", "oversized"} {
			t.Run(tc.name+"/"+src, func(t *testing.T) {
				bad := src
				if src == "oversized" {
					bad = oversized(t, tc.limit)
				} else if _, err := os.Stat(bad); err != nil {
					t.Skip("no /dev/zero here")
				}
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				start := time.Now()
				r := jcx(t, "", tc.args(bad)...)
				elapsed := time.Since(start)
				runtime.ReadMemStats(&after)
				if r.code != tc.code {
					t.Errorf("exit %d, want %d\n%s", r.code, tc.code, r.stderr)
				}
				if !strings.Contains(r.stderr, "larger than the size limit") || !strings.Contains(r.stderr, filepath.Base(bad)) {
					t.Errorf("stderr does not name the file and the limit:\n%s", r.stderr)
				}
				// The limit plus buffer growth, parsing nothing: a few times the limit
				// (a schema document is read twice, for its header and to compile it).
				if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(6*tc.limit+16<<20) {
					t.Errorf("allocated %d MiB for a %d MiB limit", alloc>>20, tc.limit>>20)
				}
				if elapsed > 10*time.Second {
					t.Errorf("took %v", elapsed)
				}
			})
		}
	}
}

// TestReadFileLimited checks the helper at its boundary.
func TestReadFileLimited(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 1023, 1024, 1025} {
		p := filepath.Join(dir, "f")
		if err := os.WriteFile(p, []byte(strings.Repeat("a", size)), 0o644); err != nil {
			t.Fatal(err)
		}
		data, err := readFileLimited(p, 1024)
		if size > 1024 {
			if err == nil || !strings.Contains(err.Error(), "larger than the size limit of 1024 bytes") {
				t.Errorf("size %d: %v, want the size limit", size, err)
			}
			continue
		}
		if err != nil || len(data) != size {
			t.Errorf("size %d: %d bytes, %v", size, len(data), err)
		}
	}
	if _, err := readFileLimited(filepath.Join(dir, "missing"), 1024); !os.IsNotExist(err) {
		t.Errorf("missing file: %v", err)
	}
}

// TestExitCodes holds every command to the exit statuses of docs/ci.md: 1 for an
// invalid input message (an oversized one included), 2 for usage and I/O errors.
func TestExitCodes(t *testing.T) {
	key, cert := testPKI+"harness.key.pem", testPKI+"harness.pem"
	msg := "../../testdata/messages/valid/capabilities-es-fr-request.xml"
	invalid := "../../testdata/messages/invalid/hostile-doctype.xml"
	huge := func() string { return oversized(t, exchange.DefaultMaxBytes) }
	tests := []struct {
		name string
		args []string
		code int
		want string // in stdout or stderr
	}{
		{"validate oversized", []string{"validate", huge()}, exitInvalid, "3022"},
		{"validate missing", []string{"validate", "/nonexistent.xml"}, exitUsage, "no such file"},
		{"verify oversized", []string{"verify", "--trust", testPKI + "ca.pem", huge()}, exitInvalid, "3022"},
		{"verify oversized json", []string{"verify", "--output", "json", "--trust", testPKI + "ca.pem", huge()}, exitInvalid, `"code": 3022`},
		{"verify invalid", []string{"verify", "--trust", testPKI + "ca.pem", invalid}, exitInvalid, "FAIL"},
		{"verify missing", []string{"verify", "--trust", testPKI + "ca.pem", "/nonexistent.xml"}, exitUsage, "no such file"},
		{"verify bad trust", []string{"verify", "--trust", msg, msg}, exitUsage, ""},
		{"sign oversized", []string{"sign", "--key", key, "--cert", cert, huge()}, exitInvalid, "3022"},
		{"sign invalid", []string{"sign", "--key", key, "--cert", cert, invalid}, exitInvalid, "invalid message"},
		{"sign missing", []string{"sign", "--key", key, "--cert", cert, "/nonexistent.xml"}, exitUsage, "no such file"},
		{"sign bad key", []string{"sign", "--key", cert, "--cert", cert, msg}, exitUsage, ""},
		{"convert oversized", []string{"convert", "--to", "json", huge()}, exitInvalid, "3022"},
		{"convert invalid", []string{"convert", "--to", "json", invalid}, exitInvalid, "invalid message"},
		{"convert missing", []string{"convert", "--to", "json", "/nonexistent.xml"}, exitUsage, "no such file"},
		{"verify-certificate unreadable suite", []string{"conformance", "verify-certificate", "--trust", testPKI + "ca.pem", "--suite", "/nonexistent", msg}, exitUsage, "neither"},
		{"verify-certificate invalid", []string{"conformance", "verify-certificate", "--trust", testPKI + "ca.pem", msg}, exitInvalid, ""},
		{"verify-certificate missing", []string{"conformance", "verify-certificate", "--trust", testPKI + "ca.pem", "/nonexistent.json"}, exitUsage, "no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := jcx(t, "", tc.args...)
			if r.code != tc.code || !strings.Contains(r.stdout+r.stderr, tc.want) {
				t.Errorf("exit %d, want %d with %q\nstdout: %s\nstderr: %s", r.code, tc.code, tc.want, r.stdout, r.stderr)
			}
		})
	}
}
