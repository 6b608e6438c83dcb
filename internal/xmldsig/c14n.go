package xmldsig

import (
	"bytes"
	"strings"
)

// This file and c14n_attrs.go are the package's own exclusive XML
// canonicalization (W3C Exclusive XML Canonicalization 1.0, without
// comments, empty InclusiveNamespaces PrefixList: the only form the
// profile allows). One streaming pass over the document bytes yields both
// canonical forms a signature needs:
//
//   - the root element without the enveloped ds:Signature (what the
//     Reference digests, after the enveloped-signature transform), and
//   - that signature's ds:SignedInfo as the apex of its own node-set, with
//     the namespaces in scope where it stands (what SignatureValue signs).
//
// The pass also builds a small tree of the signature element, which
// structure.go checks. Nothing is copied per element: namespace scopes and
// rendered declarations are stacks that grow and shrink with the element
// stack. The input is UTF-8 that scan has found well formed and free of
// DOCTYPE; what lies outside the root element is not part of the output
// (comments and white space there are not in the node-set of URI="" once
// comments are excluded; a processing instruction before or after the root,
// which URI="" would take in, is refused by the profile).

// Output contexts of one pass.
const (
	outContent    = 0 // the document without the signature
	outSignedInfo = 1 // the signature's SignedInfo
	numOut        = 2
)

// output is one canonical form being written, with the namespace
// declarations its output ancestors have rendered.
type output struct {
	buf      []byte
	rendered nsStack
	decls    []binding // scratch: the declarations of one start tag, sorted
	mode     canonMode // how it renders namespaces (c14n_modes.go)
}

// frame is one open element.
type frame struct {
	name     []byte // qualified name as written
	scope    int    // c.scope.len() before its declarations
	marks    [numOut]int
	active   uint8 // bit k set: written to output k
	node     *node // its place in the signature tree, if inside the signature
	sigRoot  bool  // the first ds:Signature itself
	elements int   // child elements so far, counted inside the signature
	siRoot   bool  // the SignedInfo of the first signature
}

// canonical is what one pass learns about a document.
type canonical struct {
	content    []byte // canonical root element without the first ds:Signature
	signedInfo []byte // canonical SignedInfo of that signature, nil if it has none first
	sig        *node  // the first ds:Signature in document order, nil if none
	sigs       int    // ds:Signature elements seen, counting stops at 2
	// sigInRoot is true when sig is a child of the root element, and
	// sigLast when nothing but white space follows it there.
	sigInRoot, sigLast bool
	// deferred is the first namespace or well-formedness error that
	// encoding/xml does not see (an undeclared prefix, a duplicate
	// attribute...). The pass goes on past it, resolving an undeclared
	// prefix to no namespace as a tree reader would, and Sign and Verify
	// report it where they always reported a canonicalization failure:
	// after the signature checks that come first.
	deferred error
	// layout locates the root element, as scan does.
	layout layout
	// qnames is what the pass learns about QNames in content, for the
	// profiles that allow them (c14n_modes.go).
	qnames qnameFacts
	// vouched is true when the pass has checked everything scan checks,
	// so that the document is well formed for encoding/xml too. It is
	// false where the pass meets what it leaves to encoding/xml: names
	// with non-ASCII characters, characters outside XML's range, an
	// encoding other than UTF-8, and so on.
	vouched bool
}

// c14n is the state of one pass.
type c14n struct {
	doc      []byte
	maxDepth int
	cfg      passConfig
	xmlStack []xmlAttrs // by depth: the xml: attributes in effect (QName profile only)
	scope    nsStack    // in-scope declarations, innermost last
	stack    []frame
	out      [numOut]output
	text     []byte // scratch for decoded character data
	attrs    []attr // scratch for one start tag
	order    []int  // scratch for checkUnique
	res      canonical

	// Initial backing arrays, enough for ordinary documents, so that one
	// pass makes few allocations besides its output.
	stackBuf [24]frame
	attrBuf  [8]attr
	scopeBuf [8]binding
	rendBuf  [numOut][8]binding
}

// canonicalize runs the pass over doc. It withholds the first ds:Signature
// element from the content: for a signature that passes the profile
// checks (one signature, the root's last child) that is the enveloped
// signature the transform removes.
func canonicalize(doc []byte, lim Limits) (*canonical, error) {
	return canonicalizeWith(doc, lim, passConfig{})
}

// canonicalizeWith is canonicalize with the canonical forms cfg names; the
// zero passConfig is the jcx profile's exclusive C14N for both outputs.
func canonicalizeWith(doc []byte, lim Limits, cfg passConfig) (*canonical, error) {
	c := &c14n{doc: doc, maxDepth: lim.maxDepth(), cfg: cfg}
	c.stack, c.attrs, c.scope.b = c.stackBuf[:0], c.attrBuf[:0], c.scopeBuf[:0]
	for k := range numOut {
		c.out[k].rendered.b = c.rendBuf[k][:0]
		c.out[k].mode = cfg.modes[k]
	}
	c.out[outContent].buf = make([]byte, 0, len(doc))
	c.res.vouched = validChars(doc)
	i := 0
	if bytes.HasPrefix(doc, utf8BOM) {
		i = len(utf8BOM)
	}
	for i < len(doc) {
		var err error
		if len(c.stack) == 0 {
			// Prolog or epilogue: white space, comments and processing
			// instructions. Whatever else encoding/xml may let by there
			// (other Unicode spaces) is its call.
			j := bytes.IndexByte(doc[i:], '<')
			if j < 0 {
				j = len(doc) - i
			}
			if !isBlank(doc[i : i+j]) {
				c.res.vouched = false
			}
			if i += j; i == len(doc) {
				break
			}
		} else if i, err = c.chars(i); err != nil {
			return nil, err
		}
		if i < len(doc) {
			if i, err = c.markup(i); err != nil {
				return nil, err
			}
		}
	}
	if c.res.content == nil || len(c.stack) != 0 {
		return nil, c14nError(len(doc), "no complete root element")
	}
	return &c.res, nil
}

// markup handles the markup at doc[i] == '<' and returns the offset after it.
func (c *c14n) markup(i int) (int, error) {
	rest := c.doc[i:]
	if len(rest) < 2 {
		return 0, c14nError(i, "unterminated markup")
	}
	switch rest[1] {
	case '/':
		return c.endTag(i)
	case '?':
		return c.procInst(i)
	case '!':
	default:
		return c.startTag(i)
	}
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		j := bytes.Index(rest[4:], []byte("-->"))
		if j < 0 {
			return 0, c14nError(i, "unterminated comment")
		}
		if body := rest[4 : 4+j]; bytes.Contains(body, []byte("--")) || bytes.HasSuffix(body, []byte("-")) {
			return 0, c14nError(i, `"--" in a comment`) // XML 1.0 §2.5
		}
		c.other()
		return i + 4 + j + 3, nil
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		j := bytes.Index(rest[9:], []byte("]]>"))
		if j < 0 {
			return 0, c14nError(i, "unterminated CDATA section")
		}
		if len(c.stack) == 0 { // not XML; encoding/xml takes it as text
			c.res.vouched = false
			return i + 9 + j + 3, nil
		}
		c.text = appendCDATA(c.text[:0], rest[9:9+j])
		c.emitText(c.text, false)
		return i + 9 + j + 3, nil
	}
	return 0, c14nError(i, "markup declaration")
}

// chars handles the character data at doc[i] up to the next '<'.
func (c *c14n) chars(i int) (int, error) {
	j := bytes.IndexByte(c.doc[i:], '<')
	if j < 0 {
		return 0, c14nError(i, "unterminated element")
	}
	if j == 0 {
		return i, nil
	}
	raw := c.doc[i : i+j]
	if indexIn(raw, &textAny) < 0 {
		// Nothing to decode, check or escape: the common case.
		c.emitText(raw, true)
		return i + j, nil
	}
	if bytes.Contains(raw, []byte("]]>")) {
		return 0, c14nError(i, `"]]>" in text`) // XML 1.0 §2.4
	}
	text := raw
	if indexIn(raw, &textSpecial) >= 0 {
		var ok bool
		if c.text, ok = appendText(c.text[:0], raw); !ok {
			return 0, c14nError(i, "malformed reference")
		}
		text = c.text
	}
	c.emitText(text, false)
	return i + j, nil
}

// emitText writes decoded character data to the active outputs and the
// signature tree; plain says it needs no escaping.
func (c *c14n) emitText(text []byte, plain bool) {
	f := &c.stack[len(c.stack)-1]
	for k := range numOut {
		switch {
		case f.active&(1<<k) == 0:
		case plain:
			c.out[k].buf = append(c.out[k].buf, text...)
		default:
			c.out[k].buf = escapeText(c.out[k].buf, text)
		}
	}
	if f.node != nil {
		f.node.kids = append(f.node.kids, item{text: string(text)})
	}
	if len(c.stack) == 1 && c.res.sigInRoot && !isBlank(text) {
		c.res.sigLast = false
	}
}

// other records a comment or processing instruction inside the root: not
// canonical content, but it counts for the structure checks.
func (c *c14n) other() {
	if len(c.stack) == 0 {
		return
	}
	f := &c.stack[len(c.stack)-1]
	if f.node != nil {
		f.node.kids = append(f.node.kids, item{other: true})
	}
	if len(c.stack) == 1 && c.res.sigInRoot {
		c.res.sigLast = false
	}
}

// procInst handles <?target data?>. Inside the root element it is
// canonical content: "<?", target, one space and the data if any, "?>".
func (c *c14n) procInst(i int) (int, error) {
	rest := c.doc[i+2:]
	end := bytes.Index(rest, []byte("?>"))
	if end < 0 {
		return 0, c14nError(i, "unterminated processing instruction")
	}
	n := nameEnd(rest[:end])
	target, data := rest[:n], rest[n:end]
	malformed := !c.checkName(target) || (len(data) > 0 && !isSpace(data[0]))
	if malformed && len(c.stack) == 0 {
		// Outside the root it is not canonical content: leave the
		// verdict to encoding/xml.
		c.res.vouched = false
		return i + 2 + end + 2, nil
	}
	if malformed {
		// encoding/xml ends a target at the first character that cannot
		// be in a name and takes the rest as data; XML 1.0 §2.6 needs
		// white space there.
		c.later(i, "malformed processing instruction")
	}
	if string(target) == "xml" {
		// The XML declaration: what encoding/xml makes of another
		// version or encoding is its call.
		v, e := declParam(string(data), "version"), declParam(string(data), "encoding")
		if (v != "" && v != "1.0") || (e != "" && !strings.EqualFold(e, "utf-8")) {
			c.res.vouched = false
		}
	}
	if len(c.stack) == 0 {
		if string(target) != "xml" {
			// URI="" would sign it, yet the content handed back is the
			// root element: refuse it rather than drop it unsigned.
			c.later(i, "processing instruction outside the root element")
		}
		return i + 2 + end + 2, nil
	}
	data = data[skipSpace(data, 0):]
	c.other()
	f := &c.stack[len(c.stack)-1]
	for k := range numOut {
		if f.active&(1<<k) == 0 {
			continue
		}
		b := append(c.out[k].buf, "<?"...)
		b = append(b, target...)
		if len(data) > 0 {
			b = appendCDATA(append(b, ' '), data)
		}
		c.out[k].buf = append(b, "?>"...)
	}
	return i + 2 + end + 2, nil
}

// endTag handles </name>.
func (c *c14n) endTag(i int) (int, error) {
	rest := c.doc[i+2:]
	n := nameEnd(rest)
	j := skipSpace(rest, n)
	if len(c.stack) == 0 || j >= len(rest) || rest[j] != '>' || !bytes.Equal(rest[:n], c.stack[len(c.stack)-1].name) {
		return 0, c14nError(i, "mismatched end tag")
	}
	c.closeElement(i)
	return i + 2 + j + 1, nil
}

// closeElement writes the end tag of the innermost element and leaves its
// scope. end is the offset of its end tag (of "/>" for an empty one).
func (c *c14n) closeElement(end int) {
	f := c.stack[len(c.stack)-1]
	for k := range numOut {
		if f.active&(1<<k) == 0 {
			continue
		}
		o := &c.out[k]
		o.buf = append(append(append(o.buf, "</"...), f.name...), '>')
		o.rendered.popTo(f.marks[k])
	}
	if f.siRoot {
		c.res.signedInfo = c.out[outSignedInfo].buf
	}
	if f.sigRoot && len(c.stack) == 2 {
		c.res.sigLast = true // until something follows it
	}
	c.scope.popTo(f.scope)
	c.stack = c.stack[:len(c.stack)-1]
	if len(c.stack) == 0 {
		c.res.content = c.out[outContent].buf
		c.res.layout.rootEnd = end
	}
}

// later records a deferred error (see canonical.deferred).
func (c *c14n) later(off int, what string) {
	if c.res.deferred == nil {
		c.res.deferred = c14nError(off, what)
	}
}

func isBlank(s []byte) bool {
	for _, b := range s {
		if !isSpace(b) {
			return false
		}
	}
	return true
}
