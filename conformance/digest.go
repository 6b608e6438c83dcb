package conformance

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sort"
)

// Digest returns the suite digest of fsys: the lowercase hexadecimal SHA-256 over every
// regular file, taken in sorted path order, each contributing its slash-separated path, a
// NUL byte and the SHA-256 of its content. Paths are part of the digest so that moving a
// file changes it; content digests keep the construction free of length ambiguity.
//
// The digest names exactly what was tested: it is in every report and certificate, and a
// certificate whose digest is not the one of the suite at hand is refused.
func Digest(fsys fs.FS) (string, error) {
	var paths []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			paths = append(paths, p)
			if len(paths) > maxSuiteFiles {
				return fmt.Errorf("more than %d files", maxSuiteFiles)
			}
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrSuite, err)
	}
	sort.Strings(paths)
	h := sha256.New()
	for _, p := range paths {
		b, err := readFile(fsys, p)
		if err != nil {
			return "", fmt.Errorf("%w: %v", ErrSuite, err)
		}
		sum := sha256.Sum256(b)
		h.Write([]byte(p))
		h.Write([]byte{0})
		h.Write(sum[:])
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
