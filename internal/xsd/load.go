package xsd

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// schemaDoc is one loaded schema document.
type schemaDoc struct {
	file      string
	tns       string
	chameleon bool // included without a targetNamespace: adopts the includer's
	elemQual  bool // elementFormDefault="qualified"
	attrQual  bool // attributeFormDefault="qualified"
	root      *xnode
}

// component kinds in the symbol spaces of a schema.
const (
	kindElement = iota
	kindAttribute
	kindType
	kindGroup
	kindAttrGroup
	kindCount
)

var kindNames = [kindCount]string{"element", "attribute", "type", "group", "attributeGroup"}

// loader reads a schema set from an fs.FS: the entry document and everything
// it includes or imports, transitively. It never touches the network: a
// schemaLocation that is not a relative path inside the FS is an error.
type loader struct {
	fsys fs.FS
	opts *Options
	seen map[string]bool // file + "\x00" + effective tns
	// parsed holds what a later reference to a document already read
	// needs, so that a document imported or included from many others is
	// read and parsed once.
	parsed map[string]parsedDoc
	// imported maps a namespace to the document its first import loaded:
	// like xmllint, a later import of that namespace from another document
	// is skipped with a warning, not merged.
	imported  map[string]string
	notations map[qname]*xnode
	redirects map[*xnode]redirect // self-references of redefinitions (redefine.go)
	// restrictions are the redefinitions that must restrict what they replace.
	restrictions []restriction
	warnings     []error
	comps        [kindCount]map[qname]*xnode
	files        int
	bytes        int64
}

// parsedDoc is a schema document read and found sound once: the target
// namespace it declares and its size.
type parsedDoc struct {
	tns  string
	size int64
}

func newLoader(fsys fs.FS, opts *Options) *loader {
	l := &loader{fsys: LimitFS(fsys, opts.MaxSchemaBytes), opts: opts, seen: map[string]bool{}, parsed: map[string]parsedDoc{}, imported: map[string]string{}, notations: map[qname]*xnode{}, redirects: map[*xnode]redirect{}}
	for i := range l.comps {
		l.comps[i] = map[qname]*xnode{}
	}
	return l
}

func (l *loader) errf(file string, line int, sentinel error, format string, args ...any) error {
	return &SchemaError{File: file, Line: line, Msg: fmt.Sprintf(format, args...), Err: sentinel}
}

// load reads file. For an include, wantTNS is the includer's namespace; for
// an import it is the namespace the import announced; nil means "any".
func (l *loader) load(file string, wantTNS *string, include bool, from *xnode) error {
	fromFile, fromLine := "", 0
	if from != nil {
		fromFile, fromLine = from.doc.file, from.line
	}
	if p, ok := l.parsed[file]; ok {
		// Counted as the read it replaces, so the limits hold as before.
		l.files++
		l.bytes += p.size
		if err := l.overLimit(file); err != nil {
			return err
		}
		tns, err := l.effectiveTNS(file, p.tns, wantTNS, include, fromFile, fromLine)
		if err != nil {
			return err
		}
		if l.seen[file+"\x00"+tns] {
			return nil
		}
		// A chameleon include into another namespace: its components are
		// new ones, read again below.
		l.files--
		l.bytes -= p.size
	}
	data, err := fs.ReadFile(l.fsys, file)
	if errors.Is(err, ErrFileTooLarge) {
		return l.errf(file, 0, ErrLimit, "cannot read schema document %s: %v", file, err)
	}
	if err != nil {
		return l.errf(fromFile, fromLine, ErrSchema, "cannot read schema document %s: %v", file, err)
	}
	return l.loadData(file, data, wantTNS, include, from)
}

// loadData is load for a document already read.
func (l *loader) loadData(file string, data []byte, wantTNS *string, include bool, from *xnode) error {
	fromFile, fromLine := "", 0
	if from != nil {
		fromFile, fromLine = from.doc.file, from.line
	}
	l.files++
	l.bytes += int64(len(data))
	if err := l.overLimit(file); err != nil {
		return err
	}
	doc := &schemaDoc{file: file}
	root, err := parseSchemaDoc(data, doc, 256)
	if err != nil {
		line := 0
		if se, ok := errors.AsType[*xml.SyntaxError](err); ok {
			line = se.Line
		}
		sentinel := ErrSchema
		if errors.Is(err, errEntityLimit) {
			sentinel = ErrLimit
		}
		return l.errf(file, line, sentinel, "not a well-formed schema document: %v", err)
	}
	if root.name != (qname{nsXSD, "schema"}) {
		return l.errf(file, root.line, ErrSchema, "root element is %s, not xs:schema", root.name)
	}
	doc.root = root
	pruneConditional(root)
	if at, msg := checkStructure(doc); at != nil {
		return l.errf(file, at.line, ErrSchema, "%s", msg)
	}
	doc.tns = root.attrOr("targetNamespace", "")
	if _, ok := root.attr("targetNamespace"); ok && doc.tns == "" {
		return l.errf(file, root.line, ErrSchema, "targetNamespace must not be empty")
	}
	l.parsed[file] = parsedDoc{tns: doc.tns, size: int64(len(data))}
	declared := doc.tns
	if doc.tns, err = l.effectiveTNS(file, declared, wantTNS, include, fromFile, fromLine); err != nil {
		return err
	}
	doc.chameleon = doc.tns != declared
	key := file + "\x00" + doc.tns
	if l.seen[key] {
		return nil
	}
	l.seen[key] = true
	doc.elemQual = root.attrOr("elementFormDefault", "unqualified") == "qualified"
	doc.attrQual = root.attrOr("attributeFormDefault", "unqualified") == "qualified"

	for _, n := range root.xs() {
		switch n.name.local {
		case "include", "import":
			if err := l.loadRef(doc, n); err != nil {
				return err
			}
		case "redefine":
			if err := l.redefine(doc, n); err != nil {
				return err
			}
		case "element", "attribute", "simpleType", "complexType", "group", "attributeGroup":
			if err := l.register(doc, n); err != nil {
				return err
			}
		case "notation":
			if err := l.notation(doc, n); err != nil {
				return err
			}
		default:
			return l.errf(file, n.line, ErrSchema, "unexpected xs:%s at top level", n.name.local)
		}
	}
	return nil
}

// overLimit refuses a set past its limits on files and bytes read. The
// built-in declarations of the XML namespace are not a document of the set
// and count against no limit.
func (l *loader) overLimit(file string) error {
	if file == xmlNamespaceFile {
		return nil
	}
	if l.files > l.opts.MaxSchemaFiles || l.bytes > l.opts.MaxSchemaBytes {
		return l.errf(file, 0, ErrLimit, "schema set exceeds %d files or %d bytes", l.opts.MaxSchemaFiles, l.opts.MaxSchemaBytes)
	}
	return nil
}

// effectiveTNS is the namespace of file's components when it declares
// declared: for an include or import the one wanted (a document without a
// target namespace included into another adopts it, a chameleon), and an
// error when the document declares another.
func (l *loader) effectiveTNS(file, declared string, wantTNS *string, include bool, fromFile string, fromLine int) (string, error) {
	if wantTNS == nil || declared == *wantTNS {
		return declared, nil
	}
	if include && declared == "" {
		return *wantTNS, nil
	}
	return "", l.errf(fromFile, fromLine, ErrSchema, "%s has targetNamespace %q, expected %q", file, declared, *wantTNS)
}

func (l *loader) loadRef(doc *schemaDoc, n *xnode) error {
	loc, hasLoc := n.attr("schemaLocation")
	loc = strings.TrimSpace(loc)
	if n.name.local == "include" {
		if !hasLoc {
			return l.errf(doc.file, n.line, ErrSchema, "xs:include without schemaLocation")
		}
		target, err := l.reachable(doc, n, loc)
		if err != nil {
			// XSD 1.0 §4.2.1: a schemaLocation that fails to resolve is
			// not an error; nothing is included.
			l.warnings = append(l.warnings, fmt.Errorf("include skipped: %w", err))
			return nil
		}
		tns := doc.tns
		return l.load(target, &tns, true, n)
	}
	ns, hasNS := n.attr("namespace")
	if hasNS && ns == doc.tns {
		return l.errf(doc.file, n.line, ErrSchema, "xs:import of the document's own target namespace")
	}
	if !hasNS && doc.tns == "" {
		return l.errf(doc.file, n.line, ErrSchema, "xs:import without namespace in a no-namespace schema")
	}
	if !hasLoc {
		// Components of that namespace must come from elsewhere (or the
		// built-in xml: attributes); nothing to load.
		return nil
	}
	target, err := l.reachable(doc, n, loc)
	if err != nil {
		// An import is a hint (XSD 1.0 §4.2.3): when it cannot be followed
		// the set still compiles, and a reference into the namespace fails
		// where it is made. The built-in xml: attributes cover xml.xsd.
		if ns != nsXML {
			l.warnings = append(l.warnings, fmt.Errorf("import of namespace %q skipped: %w", ns, err))
		}
		return nil
	}
	if first, ok := l.imported[ns]; ok && first != target {
		l.warnings = append(l.warnings, l.errf(doc.file, n.line, ErrSchema,
			"import of namespace %q from %s skipped: the namespace was already imported from %s", ns, target, first))
		return nil
	}
	l.imported[ns] = target
	return l.load(target, &ns, false, n)
}

// reachable resolves a schemaLocation and checks that the document is
// there; the error says why it cannot be followed. Nothing is fetched: a
// URL or a path outside the set is a location that does not resolve.
func (l *loader) reachable(doc *schemaDoc, n *xnode, loc string) (string, error) {
	target, err := l.localPath(doc, n, loc)
	if err != nil {
		return "", err
	}
	if _, read := l.parsed[target]; read {
		return target, nil
	}
	if _, err := fs.Stat(l.fsys, target); err != nil {
		return "", l.errf(doc.file, n.line, ErrSchema, "cannot read schema document %s: %v", target, err)
	}
	return target, nil
}

// localPath resolves a schemaLocation relative to the referring document.
func (l *loader) localPath(doc *schemaDoc, n *xnode, loc string) (string, error) {
	if strings.Contains(loc, "://") || strings.HasPrefix(loc, "/") || strings.Contains(loc, "\\") {
		return "", l.errf(doc.file, n.line, ErrSchema, "schemaLocation %q is not a relative path inside the schema set", loc)
	}
	p := path.Clean(path.Join(path.Dir(doc.file), loc))
	if !fs.ValidPath(p) {
		return "", l.errf(doc.file, n.line, ErrSchema, "schemaLocation %q leaves the schema set", loc)
	}
	return p, nil
}

func (l *loader) register(doc *schemaDoc, n *xnode) error {
	name, ok := n.nameAttr()
	if !ok {
		return l.errf(doc.file, n.line, ErrSchema, "top-level xs:%s needs a valid name", n.name.local)
	}
	kind := kindElement
	switch n.name.local {
	case "attribute":
		kind = kindAttribute
	case "simpleType", "complexType":
		kind = kindType
	case "group":
		kind = kindGroup
	case "attributeGroup":
		kind = kindAttrGroup
	}
	q := qname{doc.tns, name}
	if kind == kindType && q.ns == nsXSD && builtinByName(name) != nil {
		return nil // the schema for schemas re-declaring built-ins
	}
	if prev, dup := l.comps[kind][q]; dup {
		return l.errf(doc.file, n.line, ErrSchema, "duplicate %s %s (first declared at %s:%d)", kindNames[kind], q, prev.doc.file, prev.line)
	}
	l.comps[kind][q] = n
	return nil
}

// notation records a notation declaration: xs:NOTATION values must name
// one. A declaration needs a name and a public or a system identifier.
func (l *loader) notation(doc *schemaDoc, n *xnode) error {
	name, ok := n.nameAttr()
	if !ok {
		return l.errf(doc.file, n.line, ErrSchema, "xs:notation needs a valid name")
	}
	for _, a := range n.attrs {
		if a.Name.Space == "" && a.Name.Local != "id" && a.Name.Local != "name" && a.Name.Local != "public" && a.Name.Local != "system" {
			return l.errf(doc.file, n.line, ErrSchema, "attribute %s is not allowed on xs:notation", a.Name.Local)
		}
	}
	_, public := n.attr("public")
	_, system := n.attr("system")
	if !public && !system {
		return l.errf(doc.file, n.line, ErrSchema, "xs:notation %s needs a public or a system identifier", name)
	}
	q := qname{doc.tns, name}
	if prev, dup := l.notations[q]; dup {
		return l.errf(doc.file, n.line, ErrSchema, "duplicate notation %s (first declared at %s:%d)", q, prev.doc.file, prev.line)
	}
	l.notations[q] = n
	return nil
}
