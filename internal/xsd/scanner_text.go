package xsd

import (
	"bytes"
	"strings"
)

// hasKids reports whether the top element n has a child element yet.
func (s *scanner) hasKids(n *inode) bool {
	if s.pull {
		return n.hadKid
	}
	return len(s.a.pend) > s.a.starts[len(s.a.starts)-1]
}

// appendText adds character data to n, the top element. The first piece
// is kept as it is (usually a substring of the input); later pieces are
// gathered in one buffer, so many pieces cost linear time.
func (s *scanner) appendText(n *inode, seg string) {
	if len(seg) == 0 {
		return
	}
	if !n.textNonWS {
		for i := 0; i < len(seg); i++ {
			if !isSpaceByte(seg[i]) {
				n.textNonWS = true
				break
			}
		}
	}
	if s.hasKids(n) {
		// Text after a child element is only ever checked for being
		// whitespace: element content cannot have a simple value.
		return
	}
	switch {
	case s.tbOwner == n:
		s.a.tb = append(s.a.tb, seg...)
	case n.text == "":
		n.text = seg
	default:
		s.a.tb = append(append(s.a.tb[:0], n.text...), seg...)
		s.tbOwner = n
	}
}

// flushText gives n the text gathered in pieces; no more can follow once
// n has a child or has ended.
func (s *scanner) flushText(n *inode) {
	if s.tbOwner == n {
		n.text = string(s.a.tb)
		s.tbOwner = nil
	}
}

// normalizeNewlines turns CR LF and lone CR into LF (XML 1.0 §2.11).
func normalizeNewlines(b string) string {
	if strings.IndexByte(b, '\r') < 0 {
		return b
	}
	var out strings.Builder
	out.Grow(len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '\r' {
			out.WriteByte('\n')
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
			continue
		}
		out.WriteByte(b[i])
	}
	return out.String()
}

// text reads character data up to the next '<'.
func (s *scanner) text(n *inode) error {
	k := bytes.IndexByte(s.b[s.i:], '<')
	if k < 0 {
		return s.errf("unexpected end of document in text")
	}
	seg := s.b[s.i : s.i+k]
	var lines int
	var amp, cr, cdataEnd bool
	if len(seg) < 64 {
		// Most text is short (indentation, codes, dates): one pass costs
		// less than a call per question.
		for j, c := range seg {
			if !textSpecial[c] {
				continue
			}
			switch c {
			case '\n':
				lines++
			case '\r':
				cr = true
			case '&':
				amp = true
			case '>':
				cdataEnd = cdataEnd || j >= 2 && seg[j-1] == ']' && seg[j-2] == ']'
			}
		}
	} else {
		lines = bytes.Count(seg, []byte{'\n'})
		cr = bytes.IndexByte(seg, '\r') >= 0
		amp = bytes.IndexByte(seg, '&') >= 0
		cdataEnd = bytes.Contains(seg, []byte("]]>"))
	}
	if cdataEnd {
		return s.errf("']]>' in text")
	}
	if !amp {
		s.line += lines
		text := s.str[s.i : s.i+k]
		if cr {
			text = normalizeNewlines(text)
		}
		s.appendText(n, text)
		s.i += k
		return nil
	}
	end := s.i + k
	out := make([]byte, 0, k)
	for s.i < end {
		c := s.b[s.i]
		switch c {
		case '&':
			var err error
			if out, err = s.reference(out); err != nil {
				return err
			}
			continue
		case '\r':
			out = append(out, '\n')
			if s.i+1 < end && s.b[s.i+1] == '\n' {
				s.i++
			}
		case '\n':
			s.line++
			out = append(out, c)
		default:
			out = append(out, c)
		}
		s.i++
	}
	if s.i != end {
		return s.errf("reference crosses markup")
	}
	s.appendText(n, string(out))
	return nil
}

// textSpecial marks the bytes text() looks at.
var textSpecial = [256]bool{'\n': true, '\r': true, '&': true, '>': true}
