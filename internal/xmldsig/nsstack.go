package xmldsig

import "bytes"

// nsStack is a stack of namespace bindings that finds the innermost
// binding of a prefix. Real documents hold a handful of bindings, which a
// backward scan finds fastest; past linearMax an index by prefix takes
// over, so that a hostile document with thousands of declarations and
// prefixed attributes costs linear time, not quadratic.
type nsStack struct {
	b     []binding
	index map[string]int // prefix → position of its innermost binding, once len(b) > linearMax
}

// binding is one namespace declaration: prefix ("" for the default
// namespace) bound to uri ("" undeclares the default namespace). prev is
// the position of the binding it shadows, -1 if none (kept with the index).
type binding struct {
	prefix, uri []byte
	prev        int
}

const linearMax = 32

func (s *nsStack) len() int { return len(s.b) }

// find returns the position of the innermost binding of prefix.
func (s *nsStack) find(prefix []byte) (int, bool) {
	if s.index != nil {
		k, ok := s.index[string(prefix)]
		return k, ok
	}
	for k := len(s.b) - 1; k >= 0; k-- {
		if bytes.Equal(s.b[k].prefix, prefix) {
			return k, true
		}
	}
	return -1, false
}

func (s *nsStack) push(prefix, uri []byte) {
	if s.index == nil && len(s.b) >= linearMax {
		s.index = make(map[string]int, 2*linearMax)
		for k := range s.b {
			s.b[k].prev = -1
			if j, ok := s.index[string(s.b[k].prefix)]; ok {
				s.b[k].prev = j
			}
			s.index[string(s.b[k].prefix)] = k
		}
	}
	b := binding{prefix: prefix, uri: uri, prev: -1}
	if s.index != nil {
		if j, ok := s.index[string(prefix)]; ok {
			b.prev = j
		}
		s.index[string(prefix)] = len(s.b)
	}
	s.b = append(s.b, b)
}

// popTo drops the bindings from position mark on.
func (s *nsStack) popTo(mark int) {
	if s.index != nil {
		for k := len(s.b) - 1; k >= mark; k-- {
			if p := s.b[k].prev; p >= 0 {
				s.index[string(s.b[k].prefix)] = p
			} else {
				delete(s.index, string(s.b[k].prefix))
			}
		}
	}
	s.b = s.b[:mark]
}
