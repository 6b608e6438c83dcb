package xsd

import (
	"fmt"
	"strings"
)

// inode is one element of an instance document, namespaces resolved.
type inode struct {
	ns, local string
	attrs     []iattr
	kids      []*inode // only while building a whole tree, or under keep
	parent    *inode
	text      string // character data directly inside the element, before any child
	textNonWS bool   // text holds a non-whitespace character
	line      int
	bind      *nsBind  // namespace bindings in scope, when building a tree
	scope     *nsScope // namespace bindings in scope, when streaming
	depth     int      // 0 for the root
	// idx is the 1-based index among the siblings of the same expanded
	// name, or minus the position among all siblings when the parent has
	// too many distinct child names to count (see siblingCounter).
	idx int
	// Streaming state (see scanner.next): closed once the end tag is
	// read, hadKid once a child element has started; keep marks an
	// element whose children stay in kids for identity constraints.
	closed, hadKid, keep bool
	// Filled in by validation, for identity constraints.
	key    string
	hasKey bool
	decl   *elementDecl
}

type iattr struct {
	ns, local string
	value     string
	key       string
	hasKey    bool
	assessed  bool // validated against a declaration
}

// nsBind is a linked list of in-scope namespace bindings.
type nsBind struct {
	prefix, uri string
	next        *nsBind
}

func (n *inode) lookupNS(prefix string) (string, bool) {
	if n.scope != nil {
		return n.scope.resolve(prefix, n.depth)
	}
	if prefix == "xml" {
		return nsXML, true
	}
	for b := n.bind; b != nil; b = b.next {
		if b.prefix == prefix {
			return b.uri, b.uri != "" || prefix == ""
		}
	}
	return "", prefix == ""
}

func malformed(line int, format string, args ...any) error {
	return &InstanceError{Line: line, Msg: fmt.Sprintf(format, args...), Err: ErrMalformed}
}

func procInstAttr(inst, name string) string {
	i := strings.Index(inst, name)
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(inst[i+len(name):], " \t\r\n")
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	rest = strings.TrimLeft(rest[1:], " \t\r\n")
	if rest == "" || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	end := strings.IndexByte(rest[1:], rest[0])
	if end < 0 {
		return ""
	}
	return rest[1 : end+1]
}
