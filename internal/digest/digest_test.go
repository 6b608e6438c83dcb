package digest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// pattern is a deterministic, incompressible-looking byte stream
// (xorshift64, eight bytes per step), so a gigabyte needs neither a file
// nor memory.
type pattern struct {
	x    uint64
	left []byte // unread bytes of the current step
	buf  [8]byte
}

func newPattern(seed uint64) *pattern { return &pattern{x: seed | 1} }

func (p *pattern) next() uint64 {
	p.x ^= p.x << 13
	p.x ^= p.x >> 7
	p.x ^= p.x << 17
	return p.x
}

func (p *pattern) Read(b []byte) (int, error) {
	n := copy(b, p.left)
	p.left = p.left[n:]
	for ; n+8 <= len(b); n += 8 {
		binary.LittleEndian.PutUint64(b[n:], p.next())
	}
	if n < len(b) {
		binary.LittleEndian.PutUint64(p.buf[:], p.next())
		k := copy(b[n:], p.buf[:])
		p.left = p.buf[k:]
		n += k
	}
	return n, nil
}

func stream(seed uint64, n int64) io.Reader { return io.LimitReader(newPattern(seed), n) }

// expect computes the expectation for a stream independently of Check.
func expect(t testing.TB, r io.Reader) Expectation {
	t.Helper()
	h256, h512 := sha256.New(), sha512.New()
	n, err := io.Copy(io.MultiWriter(h256, h512), r)
	if err != nil {
		t.Fatal(err)
	}
	return Expectation{Size: n, SHA256: h256.Sum(nil), SHA512: h512.Sum(nil)}
}

func TestCheck(t *testing.T) {
	data := []byte("evidence: the seized phone's extraction report\n")
	good := expect(t, bytes.NewReader(data))
	flip := func(b []byte) []byte { c := bytes.Clone(b); c[0] ^= 1; return c }
	tests := []struct {
		name string
		data []byte
		want Expectation
		err  error
		code int
	}{
		{"both digests", data, good, nil, 0},
		{"SHA-256 only", data, Expectation{Size: good.Size, SHA256: good.SHA256}, nil, 0},
		{"SHA-512 only", data, Expectation{Size: good.Size, SHA512: good.SHA512}, nil, 0},
		{"size not checked", data, Expectation{Size: -1, SHA256: good.SHA256}, nil, 0},
		{"wrong SHA-256", data, Expectation{Size: good.Size, SHA256: flip(good.SHA256), SHA512: good.SHA512}, ErrDigestMismatch, CodeDigest},
		{"wrong SHA-512", data, Expectation{Size: good.Size, SHA256: good.SHA256, SHA512: flip(good.SHA512)}, ErrDigestMismatch, CodeDigest},
		{"one byte changed", flip(data), good, ErrDigestMismatch, CodeDigest},
		{"shorter", data[:len(data)-1], good, ErrSizeMismatch, CodeSize},
		{"longer", append(bytes.Clone(data), 'x'), good, ErrSizeMismatch, CodeSize},
		{"empty expected empty", nil, expect(t, bytes.NewReader(nil)), nil, 0},
		{"no digest", data, Expectation{Size: good.Size}, ErrExpectation, CodeAttachment},
		{"truncated digest", data, Expectation{Size: good.Size, SHA256: good.SHA256[:31]}, ErrExpectation, CodeAttachment},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A one-byte reader checks that short reads change nothing.
			for _, r := range []io.Reader{bytes.NewReader(tt.data), iotest.OneByteReader(bytes.NewReader(tt.data))} {
				err := Check(context.Background(), r, tt.want)
				if !errors.Is(err, tt.err) {
					t.Fatalf("got %v, want %v", err, tt.err)
				}
				var e *Error
				if tt.err != nil && (!errors.As(err, &e) || e.Code() != tt.code) {
					t.Fatalf("got %#v, want code %d", err, tt.code)
				}
			}
		})
	}
}

func TestStopsEarlyWhenTooLong(t *testing.T) {
	r := &countingReader{r: newPattern(1)} // endless
	err := Check(context.Background(), r, Expectation{Size: 10, SHA256: make([]byte, 32)})
	if !errors.Is(err, ErrSizeMismatch) {
		t.Fatalf("got %v", err)
	}
	if r.n > ChunkSize {
		t.Errorf("read %d bytes of an endless stream to refuse a 10-byte attachment", r.n)
	}
}

func TestContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Cancel while the third chunk is being read.
	r := &countingReader{r: newPattern(2), at: 2*ChunkSize + 1, hook: cancel}
	err := Check(ctx, r, Expectation{Size: -1, SHA256: make([]byte, 32)})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if r.n > 3*ChunkSize {
		t.Errorf("kept reading %d bytes after cancellation", r.n-2*ChunkSize)
	}

	done, cancel2 := context.WithCancel(context.Background())
	cancel2()
	if err := Check(done, strings.NewReader("x"), Expectation{Size: 1, SHA256: make([]byte, 32)}); !errors.Is(err, context.Canceled) {
		t.Errorf("done context: got %v", err)
	}
}

func TestReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	r := io.MultiReader(strings.NewReader("abc"), iotest.ErrReader(boom))
	if err := Check(context.Background(), r, Expectation{Size: 3, SHA256: make([]byte, 32)}); !errors.Is(err, boom) {
		t.Errorf("got %v", err)
	}
}

// TestGigabyte checks a 1 GiB attachment in constant memory (64 MiB
// under the race detector). It takes a few seconds, so -short skips it.
func TestGigabyte(t *testing.T) {
	if testing.Short() {
		t.Skip("1 GiB stream; skipped with -short")
	}
	size := int64(1 << 30)
	if raceEnabled {
		size = 64 << 20
	}
	// SHA-256 only: the digest manifests carry, and the one the
	// throughput target is stated for.
	want := expect(t, stream(42, size))
	want.SHA512 = nil
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	err := Check(context.Background(), stream(42, size), want)
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d MiB checked (SHA-256) in %v, %.0f MB/s, %d KiB allocated", size>>20, took, float64(size)/took.Seconds()/1e6, alloc>>10)
	if alloc > 2*ChunkSize+64<<10 {
		t.Errorf("allocated %d bytes for a 1 GiB stream", alloc)
	}
}

type countingReader struct {
	r    io.Reader
	n    int64
	at   int64
	hook func()
}

func (c *countingReader) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n += int64(k)
	if c.hook != nil && c.n >= c.at {
		c.hook()
		c.hook = nil
	}
	return k, err
}

// TestPatternSplitReads makes sure the generator yields the same stream
// however it is read, since TestGigabyte relies on it.
func TestPatternSplitReads(t *testing.T) {
	a, err := io.ReadAll(stream(7, 1000))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(iotest.OneByteReader(stream(7, 1000)))
	if err != nil || !bytes.Equal(a, b) || bytes.Equal(a[:8], a[8:16]) {
		t.Fatalf("pattern depends on read sizes or repeats: %v", err)
	}
}
