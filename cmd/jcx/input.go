package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// stdinName is the argument, and the path shown in reports, for standard input.
const stdinName = "-"

// input is one message to read: a file, or standard input.
type input struct {
	path  string
	stdin bool
}

// isMessageFile reports whether a file found while walking a folder is a message. Files
// named explicitly on the command line are read whatever their name.
func isMessageFile(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".xml" || ext == ".json"
}

// isXMLFile reports whether a file found while walking a folder is an XML document, for
// validation against a schema set named with --xsd.
func isXMLFile(name string) bool {
	return strings.EqualFold(filepath.Ext(name), ".xml")
}

// collectInputs expands the arguments: "-" is standard input, a folder is walked
// recursively for the files that match (sorted, other files skipped), anything else is
// a file. Paths that cannot be read are returned as errors; the others are still listed.
func collectInputs(args []string, match func(name string) bool) ([]input, []error) {
	var (
		ins  []input
		errs []error
	)
	for _, arg := range args {
		if arg == stdinName {
			ins = append(ins, input{path: stdinName, stdin: true})
			continue
		}
		fi, err := os.Stat(arg)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !fi.IsDir() {
			ins = append(ins, input{path: arg})
			continue
		}
		var found []string
		// A trailing separator makes WalkDir enter a folder named through a symbolic
		// link; the paths it reports are cleaned, so they read as usual.
		root := arg
		if !strings.HasSuffix(root, string(filepath.Separator)) {
			root += string(filepath.Separator)
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				// An unreadable subfolder is reported, and the walk goes on around it.
				errs = append(errs, err)
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !match(d.Name()) {
				return nil
			}
			regular := d.Type().IsRegular()
			if d.Type()&fs.ModeSymlink != 0 {
				// A link to a message file counts; a link to a folder is not followed, so
				// the walk cannot loop.
				fi, err := os.Stat(p)
				regular = err == nil && fi.Mode().IsRegular()
			}
			if regular {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
		sort.Strings(found)
		for _, p := range found {
			ins = append(ins, input{path: p})
		}
	}
	return ins, errs
}

// errTooLarge reports an input longer than the limit; only the first limit+1 bytes were
// read.
var errTooLarge = errors.New("larger than the size limit")

// readInput reads at most limit bytes of the input. A longer input is not read further:
// it yields the bytes read so far (for format detection) and errTooLarge.
func readInput(in input, stdin io.Reader, limit int64) ([]byte, error) {
	var (
		r    io.Reader = stdin
		hint int64
	)
	if !in.stdin {
		f, err := os.Open(in.path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			hint = fi.Size()
		}
		r = f
	}
	return readLimited(r, limit, hint)
}

// readLimited reads r up to limit bytes (errTooLarge beyond). hint > 0 says that r is a
// regular file of that size, whose reads are short only at its end.
func readLimited(r io.Reader, limit, hint int64) ([]byte, error) {
	if r == nil {
		return nil, errors.New("no standard input")
	}
	// Sizing the buffer from the file size avoids repeated growth; the limit caps it, so a
	// huge file costs no more than a message at the limit, and growth never passes it.
	buf := make([]byte, 0, min(max(hint, 512), limit)+1)
	lr := io.LimitReader(r, limit+1)
	for int64(len(buf)) <= limit {
		if len(buf) == cap(buf) {
			grown := make([]byte, len(buf), min(int64(2*cap(buf)), limit+1))
			copy(grown, buf)
			buf = grown
		}
		want := cap(buf) - len(buf)
		n, err := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if hint > 0 && err == nil && n < want {
			// A regular file reads short only at its end, so the read that
			// would return EOF is not needed: one system call per file saved.
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if int64(len(buf)) > limit {
		return buf[:limit], errTooLarge
	}
	return buf, nil
}

// displayErr renders an I/O error for a diagnostic line, without repeating the path when
// the error already names it.
func displayErr(path string, err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Sprintf("%s: %v", pe.Path, pe.Err)
	}
	return fmt.Sprintf("%s: %v", path, err)
}
