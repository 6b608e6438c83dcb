// Command schemagen writes the JSON Schema of the jcx format from its XSD, the source of
// truth. It is run by go generate in the schemas directory:
//
//	go run ../internal/schemagen -in xsd/jcx.xsd -out json/jcx.schema.json
//
// The translation and the subset of XSD it accepts are described in package translate.
// The output is deterministic; a test in package schemas regenerates it and fails when the
// committed file differs.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/jcx-dev/jcx/internal/schemagen/translate"
)

func main() {
	in := flag.String("in", "xsd/jcx.xsd", "entry XSD document")
	out := flag.String("out", "json/jcx.schema.json", "JSON Schema to write, - for standard output")
	id := flag.String("id", "", "$id of the JSON Schema (default: target namespace + /jcx.schema.json)")
	flag.Parse()
	if err := run(*in, *out, *id); err != nil {
		fmt.Fprintln(os.Stderr, "schemagen:", err)
		os.Exit(1)
	}
}

func run(in, out, id string) error {
	s, err := translate.Parse(os.DirFS(filepath.Dir(in)), filepath.Base(in))
	if err != nil {
		return err
	}
	opt := translate.DefaultOptions()
	opt.ID = id
	data, err := s.JSONSchema(opt)
	if err != nil {
		return err
	}
	if out == "-" {
		_, err = os.Stdout.Write(data)
		return err
	}
	return os.WriteFile(out, data, 0o644)
}
