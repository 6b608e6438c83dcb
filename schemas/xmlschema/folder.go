package xmlschema

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// folder returns the entry files of the folder dir: the schema documents
// (*.xsd, at any depth) that no other document of the folder includes,
// imports or redefines. The others are loaded through those references,
// relative to the document that makes them, as the set's authors meant.
//
// A second file for one namespace is left out, with a warning, when it is
// an entry file and the namespace is already taken from a file that the
// set's own documents import: a folder often keeps an older version of a
// schema beside the current one, and loading both would declare every
// component twice. Documents that only reference each other (a cycle) are
// entered by the first of them in path order.
func (p *planned) folder(fsys fs.FS, dir string, o Options) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, dir, func(f string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.EqualFold(path.Ext(f), ".xsd") {
			files = append(files, f)
		}
		return nil
	})
	if err != nil {
		return nil, &SchemaError{File: dir, Msg: "cannot read the folder: " + errText(err), kind: ErrSchema, cause: err}
	}
	if len(files) == 0 {
		return nil, &SchemaError{File: dir, Msg: "no schema document (*.xsd) in the folder", kind: ErrSchema}
	}
	if len(files) > o.MaxSchemaFiles {
		return nil, &SchemaError{File: dir, Msg: fmt.Sprintf("the folder holds %d schema documents, more than the limit of %d", len(files), o.MaxSchemaFiles), kind: ErrLimit}
	}
	sort.Strings(files)
	inFolder := map[string]bool{}
	for _, f := range files {
		inFolder[f] = true
	}
	refs := map[string][]string{} // file → files of the folder it references
	referenced := map[string]bool{}
	for _, f := range files {
		h, err := p.header(fsys, f)
		if err != nil {
			return nil, err
		}
		for _, loc := range h.refs {
			if strings.Contains(loc, "://") || strings.HasPrefix(loc, "/") {
				continue // refused when compiling, with the line that names it
			}
			t := path.Clean(path.Join(path.Dir(f), loc))
			if inFolder[t] && t != f {
				refs[f] = append(refs[f], t)
				referenced[t] = true
			}
		}
	}
	imported := map[string]string{} // namespace → the referenced file declaring it
	for _, f := range files {
		if ns := p.headers[f].tns; referenced[f] && ns != "" && imported[ns] == "" {
			imported[ns] = f
		}
	}
	var tops []string
	reached, left := map[string]bool{}, map[string]bool{}
	var reach func(f string)
	reach = func(f string) {
		if reached[f] {
			return
		}
		reached[f] = true
		for _, t := range refs[f] {
			reach(t)
		}
	}
	for _, f := range files {
		if referenced[f] {
			continue
		}
		if ns := p.headers[f].tns; ns != "" && imported[ns] != "" {
			left[f] = true
			p.leftOut = append(p.leftOut, leftOut{file: f, ns: ns, instead: imported[ns]})
			continue
		}
		tops = append(tops, f)
		reach(f)
	}
	for _, f := range files {
		if !reached[f] && !left[f] {
			tops = append(tops, f)
			reach(f)
		}
	}
	return tops, nil
}
