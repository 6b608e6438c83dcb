package safexml

import (
	"io"
	"io/fs"
)

// ReadLimited reads all of r, refusing with ErrTooLarge (code 3022) as soon
// as it yields more than limit bytes (the default limit when limit <= 0);
// the bytes read up to the limit come with the error.
func ReadLimited(r io.Reader, limit int64) ([]byte, error) {
	return ReadLimitedSize(r, limit, 0)
}

// ReadLimitedSize is ReadLimited for a reader expected to yield size bytes,
// such as a regular file of that size (0: unknown). The buffer is allocated
// once for that size, and a read that reaches exactly size bytes and returns
// fewer than asked for ends the file without the extra read that would return
// io.EOF: a small file costs one allocation and one read instead of a
// growing buffer and several. A read that stops short of size reads on (a
// network or FUSE file system may return part of a file), the limit holds
// whatever size says, and a reader that yields more than size bytes is read
// on.
func ReadLimitedSize(r io.Reader, limit, size int64) ([]byte, error) {
	return ReadLimitedInto(nil, r, limit, size)
}

// ReadLimitedInto is ReadLimitedSize reading into buf's memory when it has
// room for size+1 bytes, so that a caller reading many documents one after
// another can reuse one buffer; buf's contents are overwritten.
func ReadLimitedInto(buf []byte, r io.Reader, limit, size int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultLimits().MaxBytes
	}
	if want := min(max(size, 512), limit) + 1; int64(cap(buf)) < want {
		buf = make([]byte, 0, want)
	}
	buf = buf[:0]
	for {
		if len(buf) == cap(buf) {
			grown := make([]byte, len(buf), min(2*int64(cap(buf)), limit+1))
			copy(grown, buf)
			buf = grown
		}
		want := cap(buf) - len(buf)
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		switch {
		case int64(len(buf)) > limit:
			return buf[:limit], tooLarge(limit)
		case err == io.EOF:
			return buf, nil
		case err != nil:
			return buf, err
		case size > 0 && int64(len(buf)) == size && n < want:
			// Exactly what Stat promised, and the read stopped short
			// of the buffer: the end of the file. Past size (the file
			// grew) only io.EOF ends it.
			return buf, nil
		}
	}
}

// ReadFile reads the file name as ReadLimited reads a reader: at most
// limit+1 bytes, and ErrTooLarge beyond limit. A regular file is read with
// one call into a buffer of its size.
func ReadFile(name string, limit int64) ([]byte, error) {
	return ReadFileInto(nil, name, limit)
}

// ReadFileInto is ReadFile reading into buf's memory when it is large
// enough. On Unix the file is read through its bare descriptor (see
// readFileInto), which makes a folder of thousands of small documents
// markedly cheaper to read than with os.ReadFile.
func ReadFileInto(buf []byte, name string, limit int64) ([]byte, error) {
	return readFileInto(buf, name, limit)
}

// fileSize is the size of f when it is a regular file, and 0 otherwise
// (a pipe, a terminal, a device), whose reads may be short anywhere.
func fileSize(f interface{ Stat() (fs.FileInfo, error) }) int64 {
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		return fi.Size()
	}
	return 0
}

// FileSize is the size of r when it is a regular file (an *os.File, or
// anything with a Stat method), for ReadLimitedSize, and 0 otherwise.
func FileSize(r io.Reader) int64 {
	if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		return fileSize(f)
	}
	return 0
}
