package safexml

// lex advances the guard's lexer by one byte of markup or text. The
// states mirror XML 1.0 §2–§4 closely enough to know, at every byte,
// whether it is in text, a tag, an attribute value, a reference, a
// comment, a CDATA section or a processing instruction, which is all the
// limits and refusals need.
func (g *guard) lex(b byte) error {
	switch g.st {
	case stText:
		switch {
		case b == '<':
			g.st, g.markLine, g.markCol = stLt, g.line, g.col
		case g.depth == 0 && !isSpace(b):
			if g.roots == 0 {
				return g.errHere(ErrSyntax, "text before the root element at line %d, column %d: a document must start with markup", g.line, g.col)
			}
			return g.errHere(ErrSyntax, "text after the root element at line %d, column %d: remove everything after the root element's end tag", g.line, g.col)
		case b == '&':
			g.st, g.ret, g.refLen, g.markLine, g.markCol = stRef, stText, 0, g.line, g.col
		default:
			return g.grow(ErrTokenTooLarge, "a text node")
		}
	case stLt:
		g.run, g.name, g.seq = 0, 0, 0
		switch b {
		case '/':
			g.st = stEndName
		case '!':
			g.st = stBang
		case '?':
			g.st = stPITarget
		default:
			if g.depth == 0 {
				g.roots++
				if g.roots > 1 {
					return g.errMark(ErrSyntax, "a second root element starts at line %d, column %d: a document has exactly one root element", g.markLine, g.markCol)
				}
			}
			g.depth++
			if g.depth > g.lim.MaxDepth {
				return g.errMark(ErrTooDeep, "elements are nested more than %d deep at line %d, column %d", g.lim.MaxDepth, g.markLine, g.markCol)
			}
			g.st, g.attrs = stStartName, 0
			return g.nameByte(b)
		}
	case stStartName:
		switch {
		case isSpace(b):
			g.st = stInTag
		case b == '>':
			g.st, g.run = stText, 0
		case b == '/':
			g.st = stEmptyClose
		default:
			return g.nameByte(b)
		}
	case stInTag:
		switch {
		case isSpace(b):
		case b == '>':
			g.st, g.run = stText, 0
		case b == '/':
			g.st = stEmptyClose
		case b == '<' || b == '"' || b == '\'' || b == '=':
			return g.errHere(ErrSyntax, "unexpected %q in the tag that starts at line %d, column %d", b, g.markLine, g.markCol)
		default:
			g.attrs++
			if g.attrs > g.lim.MaxAttrs {
				return g.errHere(ErrTooManyAttrs, "more than %d attributes on the element at line %d, column %d", g.lim.MaxAttrs, g.markLine, g.markCol)
			}
			g.st, g.name = stAttrName, 0
			return g.nameByte(b)
		}
	case stEmptyClose:
		if b != '>' {
			return g.errHere(ErrSyntax, "expected '>' after '/' at line %d, column %d", g.line, g.col)
		}
		g.depth--
		g.st, g.run = stText, 0
	case stAttrName:
		switch {
		case isSpace(b):
			g.st = stAttrEq
		case b == '=':
			g.st = stAttrQuote
		case b == '>' || b == '/' || b == '<' || b == '"' || b == '\'':
			return g.errHere(ErrSyntax, "attribute without a value at line %d, column %d: write name=\"value\"", g.line, g.col)
		default:
			return g.nameByte(b)
		}
	case stAttrEq:
		switch {
		case isSpace(b):
		case b == '=':
			g.st = stAttrQuote
		default:
			return g.errHere(ErrSyntax, "attribute without a value at line %d, column %d: write name=\"value\"", g.line, g.col)
		}
	case stAttrQuote:
		switch {
		case isSpace(b):
		case b == '"' || b == '\'':
			g.st, g.quote, g.run = stAttrValue, b, 0
		default:
			return g.errHere(ErrSyntax, "attribute value not quoted at line %d, column %d: write name=\"value\"", g.line, g.col)
		}
	case stAttrValue:
		switch b {
		case g.quote:
			g.st = stAfterValue
		case '<':
			return g.errHere(ErrSyntax, "'<' in an attribute value at line %d, column %d: write &lt;", g.line, g.col)
		case '&':
			g.st, g.ret, g.refLen, g.markLine, g.markCol = stRef, stAttrValue, 0, g.line, g.col
		default:
			return g.grow(ErrTokenTooLarge, "an attribute value")
		}
	case stAfterValue:
		// encoding/xml accepts a="1"b="2"; XML 1.0 §3.1 requires space.
		switch {
		case isSpace(b):
			g.st = stInTag
		case b == '>':
			g.st, g.run = stText, 0
		case b == '/':
			g.st = stEmptyClose
		default:
			return g.errHere(ErrSyntax, "attributes must be separated by whitespace (line %d, column %d)", g.line, g.col)
		}
	case stRef:
		return g.refByte(b)
	case stEndName:
		switch {
		case isSpace(b):
			g.st = stEndTail
		case b == '>':
			return g.endTag()
		default:
			return g.nameByte(b)
		}
	case stEndTail:
		switch {
		case isSpace(b):
		case b == '>':
			return g.endTag()
		default:
			return g.errHere(ErrSyntax, "unexpected %q in the end tag at line %d, column %d", b, g.markLine, g.markCol)
		}
	case stBang:
		return g.bangByte(b)
	case stDoctype:
		const word = "DOCTYPE"
		if b != word[g.seq] {
			return g.errMark(ErrSyntax, "markup declarations are not accepted: remove the <!%s… at line %d, column %d", word[:g.seq], g.markLine, g.markCol)
		}
		g.seq++
		if g.seq == len(word) {
			return g.errMark(ErrDoctype, "DOCTYPE declarations are not accepted: remove the <!DOCTYPE …> at line %d", g.markLine)
		}
	case stComment:
		switch {
		case b == '-':
			g.seq++
		case b == '>' && g.seq >= 2:
			g.st, g.run = stText, 0
			return nil
		default:
			g.seq = 0
		}
		return g.grow(ErrTokenTooLarge, "a comment")
	case stCDATA:
		switch {
		case b == ']':
			g.seq++
		case b == '>' && g.seq >= 2:
			g.st, g.run = stText, 0
			return nil
		default:
			g.seq = 0
		}
		return g.grow(ErrTokenTooLarge, "a CDATA section")
	case stPITarget:
		return g.piTargetByte(b)
	case stPIBody:
		switch {
		case b == '?':
			g.seq = 1
		case b == '>' && g.seq == 1:
			g.st, g.run = stText, 0
			return nil
		default:
			g.seq = 0
		}
		return g.grow(ErrTokenTooLarge, "a processing instruction")
	}
	return nil
}

func (g *guard) endTag() error {
	g.depth--
	if g.depth < 0 {
		return g.errMark(ErrSyntax, "end tag at line %d, column %d closes no element", g.markLine, g.markCol)
	}
	g.st, g.run = stText, 0
	return nil
}

func (g *guard) bangByte(b byte) error {
	switch {
	case g.seq == 0 && b == 'D':
		g.st, g.seq = stDoctype, 1
	case g.seq == 0 && (b == '-' || b == '['):
		g.seq = 1
		g.quote = b // which of the two we are matching
	case g.quote == '-' && g.seq == 1 && b == '-':
		g.st, g.seq = stComment, 0
	case g.quote == '[' && g.seq < 7 && b == "[CDATA["[g.seq]:
		g.seq++
		if g.seq == 7 {
			if g.depth == 0 {
				return g.errMark(ErrSyntax, "CDATA section outside the root element at line %d, column %d", g.markLine, g.markCol)
			}
			g.st, g.seq = stCDATA, 0
		}
	default:
		return g.errMark(ErrSyntax, "markup at line %d, column %d is not accepted: only comments (<!-- -->) and CDATA sections may start with <!", g.markLine, g.markCol)
	}
	return nil
}

func (g *guard) piTargetByte(b byte) error {
	if !isSpace(b) && b != '?' {
		if g.name < len(g.target) {
			g.target[g.name] = b
		}
		return g.nameByte(b)
	}
	t := string(g.target[:min(g.name, len(g.target))])
	if g.name == 3 && t == "xml" && g.markLine == 1 && g.markCol == 1 && g.roots == 0 {
		g.st, g.seq = stPIBody, 0
		if b == '?' {
			g.seq = 1
		}
		return nil
	}
	if g.name == 3 && (t[0]|0x20) == 'x' && (t[1]|0x20) == 'm' && (t[2]|0x20) == 'l' {
		return g.errMark(ErrSyntax, "an XML declaration may appear only at the very start of the document (line %d, column %d)", g.markLine, g.markCol)
	}
	if g.name > len(g.target) {
		t += "…"
	}
	return g.errMark(ErrProcInst, "processing instructions are not accepted: remove the <?%s …?> at line %d, column %d", t, g.markLine, g.markCol)
}

// refByte handles one byte of an entity or character reference.
func (g *guard) refByte(b byte) error {
	if b != ';' {
		if g.refLen == len(g.ref) || isSpace(b) || b == '<' || b == '&' || b == '"' || b == '\'' {
			return g.errMark(ErrSyntax, "'&' at line %d, column %d does not start an entity reference: write &amp; for a literal ampersand", g.markLine, g.markCol)
		}
		g.ref[g.refLen] = b
		g.refLen++
		g.run++
		return nil
	}
	ref := g.ref[:g.refLen]
	switch string(ref) {
	case "lt", "gt", "amp", "apos", "quot":
	default:
		if len(ref) == 0 || ref[0] != '#' {
			return g.errMark(ErrEntity, "the entity reference &%s; at line %d, column %d is not accepted: only &lt; &gt; &amp; &apos; &quot; and character references such as &#233; are", ref, g.markLine, g.markCol)
		}
		r, ok := charRef(ref)
		if !ok {
			return g.errMark(ErrSyntax, "malformed character reference &%s; at line %d, column %d", ref, g.markLine, g.markCol)
		}
		// encoding/xml turns &#xD800; into U+FFFD instead of refusing it.
		if !isXMLChar(r) {
			return g.errMark(ErrSyntax, "the character reference &%s; at line %d, column %d names a character XML does not allow", ref, g.markLine, g.markCol)
		}
	}
	g.st = g.ret
	kind := "a text node"
	if g.ret == stAttrValue {
		kind = "an attribute value"
	}
	g.run++ // the '&'; grow counts the ';'
	return g.grow(ErrTokenTooLarge, kind)
}

// charRef parses the inside of a character reference, "#233" or "#xE9".
func charRef(ref []byte) (rune, bool) {
	if len(ref) < 2 || ref[0] != '#' {
		return 0, false
	}
	digits, base := ref[1:], rune(10)
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 {
		return 0, false
	}
	var r rune
	for _, c := range digits {
		var d rune
		switch {
		case c >= '0' && c <= '9':
			d = rune(c - '0')
		case base == 16 && c|0x20 >= 'a' && c|0x20 <= 'f':
			d = rune(c|0x20-'a') + 10
		default:
			return 0, false
		}
		if r = r*base + d; r > 0x10FFFF {
			r = 0x110000 // stays out of range without overflowing
		}
	}
	return r, true
}

// isXMLChar reports whether r is a Char of XML 1.0 §2.2.
func isXMLChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

func (g *guard) nameByte(byte) error {
	g.name++
	if g.name > g.lim.MaxNameLen {
		return g.errMark(ErrNameTooLong, "a name longer than %d bytes at line %d, column %d", g.lim.MaxNameLen, g.markLine, g.markCol)
	}
	return nil
}

func (g *guard) grow(kind error, what string) error {
	g.run++
	if g.run > g.lim.MaxTokenBytes {
		return g.errHere(kind, "%s is longer than %d bytes (at line %d, column %d)", what, g.lim.MaxTokenBytes, g.line, g.col)
	}
	return nil
}
