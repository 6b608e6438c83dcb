package safexml

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadFile reads documents from files: whole up to the limit, the first
// limit bytes and ErrTooLarge beyond it, and the file system's error for
// what cannot be read as a file.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, size int) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(strings.Repeat("x", size)), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name    string
		path    string
		want    int   // bytes returned
		wantErr error // nil, ErrTooLarge, fs.ErrNotExist or any error (errAny)
	}{
		{"empty", write("empty", 0), 0, nil},
		{"small", write("small", 100), 100, nil},
		{"at the limit", write("limit", 4096), 4096, nil},
		{"one byte over", write("over", 4097), 4096, ErrTooLarge},
		{"far over", write("far", 1<<20), 4096, ErrTooLarge},
		{"missing", filepath.Join(dir, "missing"), 0, fs.ErrNotExist},
		{"a folder", dir, 0, errAny},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, err := ReadFile(tc.path, 4096)
			switch {
			case tc.wantErr == errAny && err == nil:
				t.Fatalf("read %d bytes, want an error", len(data))
			case tc.wantErr != errAny && !errors.Is(err, tc.wantErr):
				t.Fatalf("error %v, want %v", err, tc.wantErr)
			}
			if len(data) != tc.want {
				t.Errorf("%d bytes, want %d", len(data), tc.want)
			}
			if tc.wantErr == fs.ErrNotExist && !strings.Contains(err.Error(), tc.path) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

// errAny stands for any error in TestReadFile.
var errAny = errors.New("any error")

// TestOpenFileReads checks that a file opened with OpenFile reads, says its
// size and closes like one from os.Open.
func TestOpenFileReads(t *testing.T) {
	p := filepath.Join(t.TempDir(), "doc.xml")
	if err := os.WriteFile(p, []byte("<a/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if n := FileSize(f); n != 4 {
		t.Errorf("FileSize %d, want 4", n)
	}
	data, err := ReadLimitedSize(f, 0, FileSize(f))
	if err != nil || string(data) != "<a/>" {
		t.Errorf("read %q, %v", data, err)
	}
	if err := f.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
	if FileSize(strings.NewReader("<a/>")) != 0 {
		t.Error("FileSize of a reader without Stat is not 0")
	}
}
