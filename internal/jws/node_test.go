package jws

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gowebpki/jcs"
)

var update = flag.Bool("update", false, "regenerate the node-signed golden files in testdata/golden")

func nodeSign(t *testing.T, node, alg, key string) []byte {
	t.Helper()
	pki := filepath.Join("testdata", "pki", key)
	out, ok, stderr := nodeJose(t, node, testMessage(t), "sign", alg, pki+".key", pki+".pem")
	if !ok {
		t.Fatalf("node sign %s: %s", alg, stderr)
	}
	return out
}

// TestNodeSignsWeVerify: a JWS made by node:crypto verifies here.
func TestNodeSignsWeVerify(t *testing.T) {
	node := needTool(t, "node")
	for _, tc := range algKeys {
		t.Run(tc.alg, func(t *testing.T) {
			t.Parallel()
			signed := checkHighS(t, nodeSign(t, node, tc.alg, tc.key))
			res, err := Verify(signed)
			if err != nil {
				t.Fatalf("Verify refused node's JWS: %v\n%s", err, signed)
			}
			if res.Algorithm != tc.alg {
				t.Errorf("Algorithm = %s", res.Algorithm)
			}
			tampered := bytes.Replace(signed, []byte("prosecutor-1"), []byte("prosecutor-2"), 1)
			if _, err := Verify(tampered); err == nil {
				t.Fatal("Verify accepted a tampered node JWS")
			}
		})
	}
}

// TestWeSignNodeVerifies: a JWS made here verifies with node:crypto.
func TestWeSignNodeVerifies(t *testing.T) {
	node := needTool(t, "node")
	for _, tc := range algKeys {
		t.Run(tc.alg, func(t *testing.T) {
			t.Parallel()
			signed := signTestMessage(t, tc.key)
			if out, ok, stderr := nodeJose(t, node, signed, "verify"); !ok || !strings.Contains(string(out), tc.alg) {
				t.Fatalf("node refused our JWS: %s%s\n%s", out, stderr, signed)
			}
			// Control: the oracle notices a change in the payload.
			tampered := bytes.Replace(signed, []byte("prosecutor-1"), []byte("prosecutor-2"), 1)
			if _, ok, _ := nodeJose(t, node, tampered, "verify"); ok {
				t.Fatal("node accepted a tampered JWS; the oracle is not checking")
			}
		})
	}
}

// TestGolden verifies JWS files signed by node:crypto and kept in
// testdata/golden, so the interop check runs even without node. Run with
// -update to sign them again.
func TestGolden(t *testing.T) {
	dir := filepath.Join("testdata", "golden")
	if *update {
		node := needTool(t, "node")
		for _, tc := range algKeys {
			name := filepath.Join(dir, "node-"+strings.ToLower(tc.alg)+".json")
			if err := os.WriteFile(name, nodeSign(t, node, tc.alg, tc.key), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	want, err := jcs.Transform(testMessage(t))
	if err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(names) != len(algKeys) {
		t.Fatalf("found %d golden files in %s, want %d", len(names), dir, len(algKeys))
	}
	for _, name := range names {
		t.Run(filepath.Base(name), func(t *testing.T) {
			res, err := Verify(checkHighS(t, readFile(t, name)))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(res.Payload, want) {
				t.Errorf("Payload:\n%s\nwant:\n%s", res.Payload, want)
			}
		})
	}
}
