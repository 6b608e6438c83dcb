package safexml

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
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

// TestReadLimitedSizeShortReads: a reader that returns a file in pieces,
// as a network file system may, is read whole, never cut at its first
// short read; the size is a hint, not a bound.
func TestReadLimitedSizeShortReads(t *testing.T) {
	doc := strings.Repeat("<a>text</a>", 300) // 3,300 bytes
	for _, tc := range []struct {
		name  string
		size  int64
		chunk int
	}{
		{"size right, 100-byte reads", int64(len(doc)), 100},
		{"size right, 1-byte reads", int64(len(doc)), 1},
		{"size too small", 1000, 700},
		{"size too large (the file shrank)", 10000, 512},
		{"size unknown", 0, 333},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadLimitedSize(iotest.OneByteReader(strings.NewReader("")), 1<<20, 0)
			if err != nil || len(got) != 0 {
				t.Fatalf("empty: %q %v", got, err)
			}
			got, err = ReadLimitedSize(&chunkReader{s: doc, n: tc.chunk}, 1<<20, tc.size)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != doc {
				t.Fatalf("read %d bytes, want all %d", len(got), len(doc))
			}
		})
	}
}

// chunkReader returns s at most n bytes at a time.
type chunkReader struct {
	s string
	n int
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if r.s == "" {
		return 0, io.EOF
	}
	k := copy(p[:min(len(p), r.n)], r.s)
	r.s = r.s[k:]
	return k, nil
}

// errAny stands for any error in TestReadFile.
var errAny = errors.New("any error")

// TestReadFileInto reads files into one buffer, a longer one then a
// shorter one: each read gives exactly its file, in the buffer's memory
// when it has room.
func TestReadFileInto(t *testing.T) {
	dir := t.TempDir()
	long, short := filepath.Join(dir, "long.xml"), filepath.Join(dir, "short.xml")
	if err := os.WriteFile(long, []byte("<a>"+strings.Repeat("x", 1000)+"</a>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(short, []byte("<a/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	buf, err := ReadFileInto(nil, long, 0)
	if err != nil || len(buf) != 1007 {
		t.Fatalf("long file: %d bytes, %v", len(buf), err)
	}
	data, err := ReadFileInto(buf[:0], short, 0)
	if err != nil || string(data) != "<a/>" {
		t.Fatalf("short file: %q, %v", data, err)
	}
	if &data[0] != &buf[0] {
		t.Error("the short file was not read into the buffer given")
	}
	if FileSize(strings.NewReader("<a/>")) != 0 {
		t.Error("FileSize of a reader without Stat is not 0")
	}
	f, err := os.Open(short)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if n := FileSize(f); n != 4 {
		t.Errorf("FileSize of a 4-byte file: %d", n)
	}
}
