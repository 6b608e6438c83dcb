package conformance

import (
	"embed"
	"fmt"
	"io/fs"
	"sync"
)

// suitesFS holds the suites shipped with jcx, one folder per suite id.
//
//go:embed suites
var suitesFS embed.FS

var (
	coreOnce  sync.Once
	coreSuite *Suite
	coreErr   error
)

// Core returns the embedded core suite. It is loaded once; callers must not modify it.
func Core() (*Suite, error) {
	coreOnce.Do(func() { coreSuite, coreErr = Embedded("core") })
	return coreSuite, coreErr
}

// Embedded loads an embedded suite by id.
func Embedded(id string) (*Suite, error) {
	sub, err := fs.Sub(suitesFS, "suites/"+id)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSuite, err)
	}
	if _, err := fs.Stat(sub, "suite.json"); err != nil {
		return nil, fmt.Errorf("%w: no embedded suite %q", ErrSuite, id)
	}
	return Load(sub)
}

// EmbeddedIDs lists the ids of the embedded suites.
func EmbeddedIDs() []string {
	ents, _ := fs.ReadDir(suitesFS, "suites") // the directory is embedded; cannot fail
	var out []string
	for _, e := range ents {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	return out
}
