package xsd

import (
	"errors"
	"fmt"
	"io/fs"
)

// ErrFileTooLarge is the read error of a file over LimitFS's cap; the schema set is then
// refused with ErrLimit.
var ErrFileTooLarge = errors.New("larger than the size limit")

// LimitFS returns fsys with every file read through it capped at max bytes. A schema
// path may name anything, /dev/zero or a pipe included, and the set's MaxSchemaBytes
// bounds the total anyway, so no one file may be longer: reading stops one byte past the
// cap with ErrFileTooLarge instead of growing without bound, and the size a file reports
// is capped too, so that fs.ReadFile does not allocate a sparse file's announced size.
func LimitFS(fsys fs.FS, max int64) fs.FS { return limitFS{fsys, max} }

type limitFS struct {
	fsys fs.FS
	max  int64
}

func (l limitFS) Open(name string) (fs.File, error) {
	f, err := l.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	return &limitFile{File: f, name: name, left: l.max + 1, max: l.max}, nil
}

// ReadDir and Stat pass through, so that folders are walked as before.
func (l limitFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(l.fsys, name) }
func (l limitFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(l.fsys, name) }

type limitFile struct {
	fs.File
	name      string
	left, max int64
}

func (f *limitFile) Read(p []byte) (int, error) {
	if f.left <= 0 {
		return 0, &fs.PathError{Op: "read", Path: f.name, Err: fmt.Errorf("%w of %d bytes", ErrFileTooLarge, f.max)}
	}
	if int64(len(p)) > f.left {
		p = p[:f.left]
	}
	n, err := f.File.Read(p)
	f.left -= int64(n)
	return n, err
}

func (f *limitFile) Stat() (fs.FileInfo, error) {
	fi, err := f.File.Stat()
	if err != nil {
		return nil, err
	}
	return cappedInfo{fi, f.max}, nil
}

type cappedInfo struct {
	fs.FileInfo
	max int64
}

func (c cappedInfo) Size() int64 { return min(c.FileInfo.Size(), c.max) }
