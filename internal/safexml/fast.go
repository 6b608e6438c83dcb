package safexml

// The shortcuts of checkText. A message is mostly indentation, short
// text and tags without attributes, and the byte-at-a-time lexer spends
// a checkChar, a wfByte and a lex call on each of their delimiters. The
// functions here do what those three calls do, in one place, for the
// pairs of state and byte that make up nearly all of a message: an ASCII
// delimiter or name start in the state where it is expected. Anything
// else, and everything while a refusal is pending, goes through step as
// before. TestFastMatchesStep and FuzzPrepare hold the two to the same
// result, position and message included, on every document.

// textRun marks the bytes that skipText consumes in element content:
// plainText and whitespace.
var textRun = func() (t [256]bool) {
	t = plainText
	t['\t'], t['\n'], t['\r'] = true, true, true
	return t
}()

// nameStart marks the ASCII bytes that start a name without further
// checks: letters and '_'.
var nameStart = func() (t [256]bool) {
	for b := 'a'; b <= 'z'; b++ {
		t[b], t[b-'a'+'A'] = true, true
	}
	t['_'] = true
	return t
}()

// skipText consumes a run of textRun bytes in element content, at most
// up to the token limit, and returns its length (0 at the limit, where
// step reports the byte past it). For each byte step would only count
// it, clear the "]]>" bracket count and, after a newline, move to the
// next line.
func (g *guard) skipText(text []byte) int {
	end := min(len(text), g.lim.MaxTokenBytes-g.run)
	nl := -1
	j := 0
	for j < end && textRun[text[j]] {
		if text[j] == '\n' {
			g.line++
			nl = j
		}
		j++
	}
	if j == 0 {
		return 0
	}
	g.off += int64(j)
	if nl >= 0 {
		g.col = j - 1 - nl
	} else {
		g.col += j
	}
	g.run += j
	g.wf.brackets = 0
	return j
}

// fastStep is step for a printable ASCII byte b in the common cases, with
// no refusal pending and no UTF-8 sequence open. It reports whether it
// handled b; if not, nothing has changed and step must be called.
func (g *guard) fastStep(b byte) (bool, error) {
	w := g.wf
	pos := int(g.off) // index of b in w.text
	switch g.st {
	case stText:
		if b != '<' {
			return false, nil
		}
		g.off++
		g.col++
		w.brackets = 0
		g.st, g.markLine, g.markCol = stLt, g.line, g.col
		return true, nil

	case stLt:
		switch {
		case b == '/':
			g.off++
			g.col++
			w.nameStart = pos + 1
			g.run, g.name, g.seq = 0, 0, 0
			g.st = stEndName
			return true, nil
		case nameStart[b] && g.depth > 0 && g.depth < g.lim.MaxDepth && g.lim.MaxNameLen >= 1:
			// A child element: no root to count, no limit reached.
			g.off++
			g.col++
			w.elem = span{}
			if len(w.attrs) > 0 {
				w.attrs = w.attrs[:0]
			}
			w.nameStart = pos
			w.badStart = false
			g.run, g.name, g.seq = 0, 1, 0
			g.depth++
			g.st, g.attrs = stStartName, 0
			return true, nil
		}

	case stStartName:
		if b != '>' && b != ' ' && b != '/' {
			return false, nil
		}
		g.off++
		g.col++
		w.elem = span{w.nameStart, pos}
		if g.endName(w.text[w.nameStart:pos]); !w.off && b == '>' {
			if err := g.startTag(false); err != nil {
				return true, err
			}
		}
		switch b {
		case '>':
			g.st, g.run = stText, 0
		case ' ':
			g.st = stInTag
		default:
			g.st = stEmptyClose
		}
		return true, nil

	case stInTag:
		switch {
		case b == ' ':
			g.off++
			g.col++
			return true, nil
		case nameStart[b] && g.attrs < g.lim.MaxAttrs && g.lim.MaxNameLen >= 1:
			g.off++
			g.col++
			w.nameStart = pos
			w.badStart = false
			g.attrs++
			g.st, g.name = stAttrName, 1
			return true, nil
		}

	case stAttrName:
		if b != '=' {
			return false, nil
		}
		g.off++
		g.col++
		name := w.text[w.nameStart:pos]
		if g.endName(name); !w.off {
			w.attrs = append(w.attrs, wfAttr{name: name})
		}
		g.st = stAttrQuote
		return true, nil

	case stAttrQuote:
		if b != '"' && b != '\'' {
			return false, nil
		}
		g.off++
		g.col++
		w.valStart, w.valRaw = pos+1, false
		g.st, g.quote, g.run = stAttrValue, b, 0
		return true, nil

	case stAttrValue:
		if b != g.quote {
			return false, nil
		}
		g.off++
		g.col++
		a := &w.attrs[len(w.attrs)-1]
		a.value, a.raw = w.text[w.valStart:pos], w.valRaw
		g.st = stAfterValue
		return true, nil

	case stAfterValue:
		switch b {
		case ' ':
			g.off++
			g.col++
			g.st = stInTag
			return true, nil
		case '/':
			g.off++
			g.col++
			g.st = stEmptyClose
			return true, nil
		}
	}

	// The ends of tags.
	switch {
	case b == '>' && (g.st == stInTag || g.st == stAfterValue):
		g.off++
		g.col++
		if err := g.startTag(false); err != nil {
			return true, err
		}
		g.st, g.run = stText, 0
		return true, nil
	case b == '>' && g.st == stEmptyClose:
		g.off++
		g.col++
		if err := g.startTag(true); err != nil {
			return true, err
		}
		g.depth--
		g.st, g.run = stText, 0
		return true, nil
	case b == '>' && g.st == stEndName:
		g.off++
		g.col++
		name := w.text[w.nameStart:pos]
		if g.endName(name); !w.off {
			g.wfEndTag(name)
		}
		return true, g.endTag()
	}
	return false, nil
}

// fastTag reads a whole tag at text[0], a '<' in element content, when it
// is one of the three shapes most tags have: <name>, <name/> or </name>,
// with an ASCII name within MaxNameLen and, for a start tag, room for one
// more level. It returns the bytes it read (0 when the tag has another
// shape, and nothing has changed), having done what step, fastStep and
// the name loop of checkText do for each byte of it: the checks of wf run
// where the tag ends, as they would.
func (g *guard) fastTag(text []byte) (int, error) {
	if len(text) < 3 || g.depth == 0 {
		return 0, nil
	}
	end := text[1] == '/'
	from := 1
	if end {
		from = 2
	}
	if !nameStart[text[from]] {
		return 0, nil
	}
	j := from + 1
	for j < len(text) && nameBytes[text[j]] {
		j++
	}
	if j-from > g.lim.MaxNameLen || j == len(text) {
		return 0, nil
	}
	self := false
	switch {
	case text[j] == '>':
	case !end && text[j] == '/' && j+1 < len(text) && text[j+1] == '>':
		self = true
	default:
		return 0, nil
	}
	if !end && g.depth >= g.lim.MaxDepth {
		return 0, nil
	}
	k := j + 1
	if self {
		k++
	}
	w := g.wf
	pos := int(g.off) // index of text[0] in w.text
	// The state the bytes before the tag's last leave behind.
	g.markLine, g.markCol = g.line, g.col+1
	// Up to the byte after the name, where the name is judged; for <name/>
	// the '>' follows.
	g.off += int64(j + 1)
	g.col += j + 1
	g.run, g.name, g.seq = 0, j-from, 0
	w.brackets, w.badStart = 0, false
	w.nameStart = pos + from
	name := w.text[pos+from : pos+j]
	if end {
		if g.endName(name); !w.off {
			g.wfEndTag(name)
		}
		return k, g.endTag()
	}
	g.depth++
	g.attrs = 0
	w.elem = span{pos + from, pos + j}
	if len(w.attrs) > 0 {
		w.attrs = w.attrs[:0]
	}
	g.endName(name)
	if self {
		g.off++
		g.col++
	}
	if !w.off {
		if err := g.startTag(self); err != nil {
			return k, err
		}
	}
	if self {
		g.depth--
	}
	g.st = stText
	return k, nil
}
