package main

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	root := filepath.Join("..", "..")
	schemas := filepath.Join(root, "schemas", "xsd")
	valid, _ := filepath.Glob(filepath.Join(root, "testdata", "messages", "valid", "*.xml"))
	if len(valid) == 0 {
		t.Fatal("no valid fixtures")
	}
	doctype := filepath.Join(root, "testdata", "messages", "invalid", "hostile-doctype.xml")
	tests := []struct {
		name    string
		args    []string
		wantErr error  // nil: success; errAny: some other error
		output  string // in the output
	}{
		{"every valid fixture", append([]string{"-schemas", schemas, "-entry", "jcx.xsd"}, valid...), nil, "0 invalid"},
		{"a DOCTYPE is a finding with its line", []string{"-schemas", schemas, "-entry", "jcx.xsd", doctype, valid[0]}, errInvalid, "3020 (line 2): DOCTYPE"},
		{"no schema folder", []string{valid[0]}, errAny, ""},
		{"no document", []string{"-schemas", schemas}, errAny, ""},
		{"an entry that is not there", []string{"-schemas", schemas, "-entry", "missing.xsd", valid[0]}, errAny, ""},
		{"a document that is not there", []string{"-schemas", schemas, "-entry", "jcx.xsd", "missing.xml"}, errAny, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			err := run(context.Background(), tt.args, &out)
			switch {
			case tt.wantErr == nil && err != nil:
				t.Fatalf("err = %v\n%s", err, out.String())
			case tt.wantErr == errAny && (err == nil || errors.Is(err, errInvalid)):
				t.Fatalf("err = %v, want a usage or load error", err)
			case tt.wantErr == errInvalid && !errors.Is(err, errInvalid):
				t.Fatalf("err = %v, want errInvalid", err)
			}
			if !strings.Contains(out.String(), tt.output) {
				t.Errorf("output lacks %q:\n%s", tt.output, out.String())
			}
		})
	}
}

var errAny = errors.New("any error but errInvalid")
