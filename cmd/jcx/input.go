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

	"github.com/jcx-dev/jcx/internal/safexml"
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
		ins     []input
		errs    []error
		regular = regularFiles(args)
	)
	for _, arg := range args {
		if arg == stdinName {
			ins = append(ins, input{path: stdinName, stdin: true})
			continue
		}
		if regular[arg] {
			ins = append(ins, input{path: arg})
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
	return readInputInto(nil, in, stdin, limit)
}

// readInputInto is readInput reading into buf's memory when it is large enough.
func readInputInto(buf []byte, in input, stdin io.Reader, limit int64) ([]byte, error) {
	if in.stdin {
		return readLimitedInto(buf, stdin, limit, 0)
	}
	// Read as safexml reads documents: os.Open's poller registration costs more system
	// calls than the read, for every file of a folder.
	data, err := safexml.ReadFileInto(buf, in.path, limit)
	if errors.Is(err, safexml.ErrTooLarge) {
		err = errTooLarge
	}
	return data, err
}

// readLimited reads r up to limit bytes (errTooLarge beyond, with the first limit bytes).
// hint > 0 says that r is a regular file of that size, whose reads are short only at its
// end, so that it is read in one call into a buffer of its size.
func readLimited(r io.Reader, limit, hint int64) ([]byte, error) {
	return readLimitedInto(nil, r, limit, hint)
}

// readLimitedInto is readLimited reading into buf's memory when it is large enough.
func readLimitedInto(buf []byte, r io.Reader, limit, hint int64) ([]byte, error) {
	if r == nil {
		return nil, errors.New("no standard input")
	}
	data, err := safexml.ReadLimitedInto(buf, r, limit, hint)
	if errors.Is(err, safexml.ErrTooLarge) {
		err = errTooLarge
	}
	return data, err
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
