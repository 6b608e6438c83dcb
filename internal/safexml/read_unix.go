//go:build unix

package safexml

import (
	"io"
	"io/fs"
	"syscall"
)

// open opens name read-only on a bare descriptor. os.Open makes every
// file it opens non-blocking and offers it to the poller, which refuses
// regular files: on Linux four fcntl calls and a failed epoll_ctl per
// file, more than the open, the read and the close together.
func open(name string) (int, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return -1, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return fd, nil
	}
}

// readFileInto is ReadFileInto on the bare descriptor: open, fstat, read
// and close are all the system calls a small file costs, and no *os.File
// is built (and later cleaned up) for one read.
func readFileInto(buf []byte, name string, limit int64) ([]byte, error) {
	fd, err := open(name)
	if err != nil {
		return nil, err
	}
	defer syscall.Close(fd)
	var size int64
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err == nil && st.Mode&syscall.S_IFMT == syscall.S_IFREG {
		size = st.Size
	}
	return ReadLimitedInto(buf, fdReader{fd, name}, limit, size)
}

// fdReader reads a descriptor as os.File does: EINTR retried, errors
// naming the file, io.EOF at the end.
type fdReader struct {
	fd   int
	name string
}

func (r fdReader) Read(p []byte) (int, error) {
	for {
		n, err := syscall.Read(r.fd, p)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return 0, &fs.PathError{Op: "read", Path: r.name, Err: err}
		case n == 0 && len(p) > 0:
			return 0, io.EOF
		}
		return n, nil
	}
}
