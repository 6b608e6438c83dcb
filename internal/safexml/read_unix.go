//go:build unix

package safexml

import (
	"io/fs"
	"os"
	"syscall"
)

// openFile opens name read-only. os.Open makes every file it opens
// non-blocking and offers it to the poller, which refuses regular files:
// on Linux four fcntl calls and a failed epoll_ctl per file, more than the
// open, the read and the close together. A document read from a folder of
// thousands paid that for each file; os.NewFile on a plain descriptor
// asks one fcntl.
func openFile(name string) (*os.File, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return os.NewFile(uintptr(fd), name), nil
	}
}
