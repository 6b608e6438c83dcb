package safexml

import (
	"errors"
)

// errFallback is returned by checkText when the document uses something
// whose verdict depends on encoding/xml's own tables: a name with a
// non-ASCII character (XML 1.0 fourth-edition name classes) or a
// reference or carriage return inside a namespace URI (whose decoded
// value would be needed). The caller then runs the streaming path, which
// decides such documents as it always did. Real messages have neither.
var errFallback = errors.New("safexml: needs encoding/xml")

// wf checks, on top of the guard's lexing, what encoding/xml in strict
// mode and checkTokens refuse: names made of name characters, end tags
// that match, "--" only at the end of a comment, no "]]>" in text, and
// namespace well-formedness. It works on a document held in memory, so
// names and attribute values are subslices of it: nothing is copied.
//
// A refusal is not returned at once. In the streaming path the guard
// reads ahead of encoding/xml by one buffer (readAhead bytes), so a
// refusal by the guard later in the same buffer wins over one found by
// encoding/xml; wf keeps the first refusal pending until the end of that
// buffer so that both paths classify every document alike.
type wf struct {
	text      []byte
	off       bool // a refusal is pending; stop checking
	pending   error
	pendEnd   int64
	nameStart int
	valStart  int
	valRaw    bool // the current attribute value holds a reference or a CR
	brackets  int  // consecutive ']' in the current text run
	badStart  bool // the current name starts with a digit, '-' or '.'
	piDone    bool // encoding/xml has read the whole target of the current PI
	refStart  int  // index of the byte after the current '&'
	refHex    bool
	elem      span // name of the current tag
	attrs     []wfAttr
	open      []span // names of the open elements
	ns        wfScope
}

// span is a part of wf.text, by offsets: unlike a subslice it holds no
// pointer, so storing one costs no write barrier while the collector
// runs, and a message stores two per element.
type span struct{ start, end int }

func (w *wf) bytes(s span) []byte { return w.text[s.start:s.end] }

// readAhead is the size of encoding/xml's bufio.Reader over the guard.
const readAhead = 4096

type wfAttr struct {
	name, prefix, local, value []byte
	raw                        bool
	// nameSum digests name as written and expSum the expanded name (namespace and
	// local part): attributes with different sums cannot share that name, so the
	// duplicate check compares bytes only for the rare equal pairs.
	nameSum, expSum uint32
}

// plainText is plain without ']' and '>'.
var plainText = func() (t [256]bool) {
	t = plain
	t[']'], t['>'] = false, false
	return t
}()

// nameBytes marks the ASCII bytes that may follow the first of a name.
var nameBytes = func() (t [256]bool) {
	for b := 0; b < 0x80; b++ {
		t[b] = isNameByte(byte(b))
	}
	return t
}()

// refuse records a refusal found at the current byte.
func (g *guard) refuse(format string, args ...any) error {
	w := g.wf
	if !w.off {
		w.off = true
		w.pending = g.errHere(ErrSyntax, format+" (line %d)", append(args, g.line)...)
		w.pendEnd = (g.off-1)/readAhead*readAhead + readAhead
	}
	return nil
}

// wfByte is called for every byte the slow path lexes, before the
// guard's own lexing, with the state the byte is lexed in.
func (g *guard) wfByte(b byte) error {
	w := g.wf
	if w.off {
		return nil
	}
	pos := int(g.off - 1) // index of b in w.text
	switch g.st {
	case stText:
		switch b {
		case ']':
			w.brackets++
		case '>':
			if w.brackets >= 2 {
				return g.refuse("\"]]>\" in text: write ]]&gt;")
			}
			w.brackets = 0
		case '&':
			w.brackets, w.refStart = 0, pos+1
		default:
			w.brackets = 0
		}
	case stRef:
		return g.refChar(b, pos)
	case stLt:
		if b != '/' && b != '!' && b != '?' {
			w.elem, w.attrs = span{}, w.attrs[:0]
			w.nameStart = pos
			return g.nameChar(b, true)
		}
		w.nameStart = pos + 1
	case stStartName:
		switch {
		case isSpace(b), b == '>', b == '/':
			w.elem = span{w.nameStart, pos}
			if err := g.endName(w.bytes(w.elem)); err != nil || w.off {
				return err
			}
			if b == '>' {
				return g.startTag(false)
			}
		default:
			return g.nameChar(b, false)
		}
	case stInTag, stAfterValue:
		switch {
		case b == '>':
			return g.startTag(false)
		case g.st == stInTag && !isSpace(b) && b != '/':
			w.nameStart = pos
			return g.nameChar(b, true)
		}
	case stEmptyClose:
		if b == '>' {
			return g.startTag(true)
		}
	case stAttrName:
		switch {
		case isSpace(b), b == '=':
			name := w.text[w.nameStart:pos]
			if err := g.endName(name); err != nil || w.off {
				return err
			}
			w.attrs = append(w.attrs, wfAttr{name: name})
		default:
			return g.nameChar(b, false)
		}
	case stAttrQuote:
		if b == '"' || b == '\'' {
			w.valStart, w.valRaw = pos+1, false
		}
	case stAttrValue:
		switch b {
		case g.quote:
			a := &w.attrs[len(w.attrs)-1]
			a.value, a.raw = w.text[w.valStart:pos], w.valRaw
		case '&':
			w.valRaw, w.refStart = true, pos+1
		case '\r':
			w.valRaw = true
		}
	case stEndName:
		switch {
		case isSpace(b), b == '>':
			name := w.text[w.nameStart:pos]
			if err := g.endName(name); err != nil || w.off {
				return err
			}
			if b == '>' {
				return g.wfEndTag(name)
			}
			w.elem = span{w.nameStart, pos}
		default:
			return g.nameChar(b, pos == w.nameStart)
		}
	case stEndTail:
		if b == '>' {
			return g.wfEndTag(w.bytes(w.elem))
		}
	case stPITarget:
		return g.piChar(b, pos)
	case stComment:
		if g.seq >= 2 && b != '>' {
			return g.refuse("\"--\" inside a comment")
		}
	}
	return nil
}

// nameChar checks one byte of an element or attribute name, by
// character class as encoding/xml does; a non-ASCII byte leaves the
// decision to it. Like encoding/xml, it refuses a byte that cannot be in
// a name at once, but a name that starts with a digit, '-' or '.' only
// when the name ends.
func (g *guard) nameChar(b byte, first bool) error {
	w := g.wf
	if first {
		w.badStart = false
	}
	switch {
	case b >= utf8Self:
		return errFallback
	case b >= 'a' && b <= 'z', b >= 'A' && b <= 'Z', b == '_', b == ':':
	case b >= '0' && b <= '9' || b == '-' || b == '.':
		w.badStart = w.badStart || first
	default:
		return g.refuse("%q is not allowed in a name", b)
	}
	return nil
}

const utf8Self = 0x80

// piChar checks a byte of a processing instruction's target as
// encoding/xml reads it: the target is the longest run of name bytes,
// refused at once if empty and where it ends if it starts with a digit,
// '-' or '.'. The guard refuses every processing instruction but the
// XML declaration, usually first.
func (g *guard) piChar(b byte, pos int) error {
	w := g.wf
	first := pos == w.nameStart
	if !first && w.piDone {
		return nil
	}
	switch {
	case b >= utf8Self:
		return errFallback
	case isNameByte(b):
		if first {
			w.piDone = false
			w.badStart = b >= '0' && b <= '9' || b == '-' || b == '.'
		}
		return nil
	case first:
		return g.refuse("a processing instruction without a target")
	}
	w.piDone = true
	if w.badStart {
		return g.refuse("the processing instruction's target is not a name")
	}
	return nil
}

// refChar checks a byte of a reference as encoding/xml reads it, which
// refuses at the first byte that cannot continue the reference; the guard
// would read on to the ';'. What the ';' then decides is the guard's.
func (g *guard) refChar(b byte, pos int) error {
	w := g.wf
	if b == ';' {
		return nil
	}
	i := pos - w.refStart
	charRef := w.text[w.refStart] == '#'
	switch {
	case i == 0 && b == '#':
		w.refHex = false
		return nil
	case charRef && i == 1 && b == 'x':
		w.refHex = true
		return nil
	case charRef:
		if b >= '0' && b <= '9' || w.refHex && (b|0x20 >= 'a' && b|0x20 <= 'f') {
			return nil
		}
	case b >= utf8Self:
		return errFallback
	case isNameByte(b):
		return nil
	}
	return g.refuse("the reference at column %d is not closed by ';'", g.col)
}

func isNameByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' ||
		b == '_' || b == ':' || b == '.' || b == '-'
}

// endName checks a name where it ends, which is where encoding/xml
// judges it: it must start like a name and have at most one colon. The
// rest of the qualified-name rules is checked at the end of the tag, as
// checkTokens does.
func (g *guard) endName(name []byte) error {
	if len(name) == 0 {
		return g.refuse("a tag without a name")
	}
	if g.wf.badStart || twoColons(name) {
		return g.refuse("%q is not a valid name", name)
	}
	return nil
}

// twoColons reports whether name has more than one colon. Names are
// short: a loop costs less than a call of bytes.Count.
func twoColons(name []byte) bool {
	n := 0
	for _, b := range name {
		if b == ':' {
			n++
		}
	}
	return n > 1
}

// qualified reports whether a name with at most one colon is a qualified
// name: a prefix and a local part that are both names.
func qualified(name []byte) bool {
	i := colon(name)
	if i < 0 {
		return true
	}
	local := name[i+1:]
	return i > 0 && len(local) > 0 && ncNameStartByte(local[0])
}

// ncNameStartByte is ncNameStart for an ASCII first byte.
func ncNameStartByte(b byte) bool {
	return !(b >= '0' && b <= '9' || b == '-' || b == '.')
}

func split(name []byte) (prefix, local []byte) {
	if i := colon(name); i >= 0 {
		return name[:i], name[i+1:]
	}
	return nil, name
}

// colon returns the index of the first ':' in name, or -1. Names are
// short: a loop costs less than a call of bytes.IndexByte.
func colon(name []byte) int {
	for i, c := range name {
		if c == ':' {
			return i
		}
	}
	return -1
}
