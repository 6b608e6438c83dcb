//go:build !unix

package safexml

import "os"

func openFile(name string) (*os.File, error) { return os.Open(name) }
