//go:build !unix

package safexml

import "os"

func readFileInto(buf []byte, name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadLimitedInto(buf, f, limit, fileSize(f))
}
