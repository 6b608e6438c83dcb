package safexml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzPrepare checks that no input makes the package panic or hang, that
// both entry points agree, and that whatever is accepted really is UTF-8
// that a plain strict encoding/xml decoder reads to the end.
func FuzzPrepare(f *testing.F) {
	for _, dir := range []string{"accept", "refuse"} {
		files, _ := filepath.Glob(filepath.Join("testdata", dir, "*.xml"))
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	lim := Limits{MaxBytes: 1 << 16, MaxDepth: 8, MaxAttrs: 8, MaxNameLen: 32, MaxTokenBytes: 1 << 12}
	f.Fuzz(func(t *testing.T, data []byte) {
		// A hang must surface as a failing input, not a stalled worker.
		watchdog := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("no verdict after 10s for %q", data)) })
		defer watchdog.Stop()
		orig := bytes.Clone(data)
		out, err := PrepareBytes(data, lim)
		out2, err2 := Prepare(&oneByteReader{b: data}, lim)
		if !bytes.Equal(data, orig) {
			t.Fatal("input modified")
		}
		if (err == nil) != (err2 == nil) {
			t.Fatalf("PrepareBytes: %v; Prepare: %v", err, err2)
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || !errors.As(err2, &e) {
				t.Fatalf("not an *Error: %T %v, %T %v", err, err, err2, err2)
			}
			if c := e.Code(); c != CodeEncoding && c != CodeInvalid && c != CodeTooLarge {
				t.Fatalf("code %d", c)
			}
			return
		}
		if !bytes.Equal(out, out2) {
			t.Fatalf("entry points disagree:\n%q\n%q", out, out2)
		}
		if !utf8.Valid(out) {
			t.Fatalf("accepted output is not UTF-8: %q", out)
		}
		d := xml.NewDecoder(bytes.NewReader(out))
		d.Strict = true
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("accepted, but encoding/xml refuses: %v\n%q", err, out)
			}
		}
		again, err := PrepareBytes(out, lim)
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("preparing the output again: %v", err)
		}
	})
}
