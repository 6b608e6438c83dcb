package strictjson

import (
	"hash/maphash"
	"unicode/utf8"
)

// Check reports whether data is one JSON value (RFC 8259) that jcx
// accepts, returning nil or an *Error. It reads data once, left to right,
// and allocates only for objects with many keys and for the error itself.
func Check(data []byte, lim Limits) error {
	lim = lim.normalized()
	if int64(len(data)) > lim.MaxBytes {
		c := checker{data: data}
		return c.fail(ErrTooLarge, 0, "the message is %d bytes, more than the limit of %d", len(data), lim.MaxBytes)
	}
	c := checker{data: data, lim: lim}
	c.stack = c.stackBuf[:0]
	c.keys = c.keysBuf[:0]
	return c.run()
}

// checker is the state of one Check. The fixed buffers keep shallow,
// small messages free of allocations beyond the checker itself.
type checker struct {
	data   []byte
	i      int
	lim    Limits
	values int // values begun so far
	stack  []frame
	keys   []span // keys of the open objects, innermost last

	stackBuf [24]frame
	keysBuf  [64]span
	scratch  [2][]byte // unescaping buffers, for comparing escaped keys
}

// frame is one open object or array.
type frame struct {
	object   bool
	index    int                 // array: index of the current element
	firstKey int                 // object: where its keys start in checker.keys
	key      span                // object: the current key
	set      map[uint64]int32    // object: name hash -> index in checker.keys, for large objects
	exact    map[string]struct{} // object: names whose hashes collided
}

// span is a string's contents in data, quotes excluded.
type span struct {
	start, end int32
	escaped    bool
}

// keysBeforeMap is the object size at which duplicate detection moves
// from comparing with every earlier key to a map: 16 keys cost at most
// 120 comparisons, and almost every jcx object is smaller.
const keysBeforeMap = 16

func (c *checker) run() error {
	c.ws()
	if c.i == len(c.data) {
		return c.fail(ErrSyntax, c.i, "the message is empty")
	}
	if c.data[0] == 0xEF {
		return c.fail(ErrSyntax, 0, "the message starts with a byte order mark: JSON text must not (RFC 8259 §8.1)")
	}
value:
	for {
		c.ws()
		if c.i == len(c.data) {
			return c.fail(ErrSyntax, c.i, "the message ends where a value was expected")
		}
		if c.values++; c.values > c.lim.MaxValues {
			return c.fail(ErrTooManyValues, c.i, "the message has more than %d values (objects, arrays, strings, numbers and literals)", c.lim.MaxValues)
		}
		switch b := c.data[c.i]; {
		case b == '{' || b == '[':
			if len(c.stack) == c.lim.MaxDepth {
				return c.fail(ErrTooDeep, c.i, "objects and arrays are nested more than %d deep", c.lim.MaxDepth)
			}
			c.i++
			c.stack = append(c.stack, frame{object: b == '{', firstKey: len(c.keys)})
			c.ws()
			if c.i < len(c.data) && c.data[c.i] == b+2 { // '}' or ']'
				c.i++
				c.pop()
				break
			}
			if b == '{' {
				if err := c.key(); err != nil {
					return err
				}
			}
			continue value
		case b == '"':
			if _, err := c.str(); err != nil {
				return err
			}
		case b == '-' || b >= '0' && b <= '9':
			if err := c.number(); err != nil {
				return err
			}
		case b == 't':
			if err := c.literal("true"); err != nil {
				return err
			}
		case b == 'f':
			if err := c.literal("false"); err != nil {
				return err
			}
		case b == 'n':
			if err := c.literal("null"); err != nil {
				return err
			}
		default:
			return c.fail(ErrSyntax, c.i, "unexpected %s where a value was expected", quoteByte(b))
		}

		// After a value: a separator, a closing bracket, or the end.
		for {
			c.ws()
			if len(c.stack) == 0 {
				if c.i != len(c.data) {
					return c.fail(ErrTrailingData, c.i, "unexpected data after the top-level value: a message is exactly one JSON value")
				}
				return nil
			}
			if c.i == len(c.data) {
				return c.fail(ErrSyntax, c.i, "the message ends inside an %s", c.top().what())
			}
			top := c.top()
			switch b := c.data[c.i]; {
			case b == ',':
				c.i++
				if top.object {
					c.ws()
					if err := c.key(); err != nil {
						return err
					}
				} else {
					top.index++
				}
				continue value
			case top.object && b == '}', !top.object && b == ']':
				c.i++
				c.pop()
			default:
				want := "',' or ']'"
				if top.object {
					want = "',' or '}'"
				}
				return c.fail(ErrSyntax, c.i, "unexpected %s in an %s: expected %s", quoteByte(b), top.what(), want)
			}
		}
	}
}

func (c *checker) top() *frame { return &c.stack[len(c.stack)-1] }

func (c *checker) pop() {
	f := c.top()
	c.keys = c.keys[:f.firstKey]
	c.stack = c.stack[:len(c.stack)-1]
}

func (f *frame) what() string {
	if f.object {
		return "object"
	}
	return "array"
}

// key reads an object member's name and the ':' after it, and refuses a
// name the object already has. Names are compared after unescaping, so
// "a" and "\u0061" are the same name, as they are to every decoder.
func (c *checker) key() error {
	f := c.top()
	f.key = span{}
	if c.i == len(c.data) || c.data[c.i] != '"' {
		if c.i == len(c.data) {
			return c.fail(ErrSyntax, c.i, "the message ends where an object member name was expected")
		}
		return c.fail(ErrSyntax, c.i, "unexpected %s where an object member name (a string) was expected", quoteByte(c.data[c.i]))
	}
	at := c.i
	s, err := c.str()
	if err != nil {
		return err
	}
	f.key = s
	if err := c.remember(f, s, at); err != nil {
		return err
	}
	c.ws()
	if c.i == len(c.data) || c.data[c.i] != ':' {
		if c.i == len(c.data) {
			return c.fail(ErrSyntax, c.i, "the message ends where ':' was expected")
		}
		return c.fail(ErrSyntax, c.i, "unexpected %s after an object member name: expected ':'", quoteByte(c.data[c.i]))
	}
	c.i++
	return nil
}

// remember adds s to the names of object f, failing if it is there already.
// Small objects compare with every earlier name. Larger ones index names
// by a 64-bit hash of the unescaped name, pointing back at the name in
// data, so even an object with a million members allocates no strings.
// A hash in f.set stands for the first name with that hash; any later
// name with the same hash (in practice, none) goes to the exact set.
func (c *checker) remember(f *frame, s span, at int) error {
	seen := c.keys[f.firstKey:]
	if len(seen) >= c.lim.MaxMembers {
		return c.fail(ErrTooManyMembers, at, "an object has more than %d members", c.lim.MaxMembers)
	}
	if f.set == nil && len(seen) < keysBeforeMap {
		for _, k := range seen {
			if c.sameKey(k, s) {
				return c.duplicate(at)
			}
		}
		c.keys = append(c.keys, s)
		return nil
	}
	if f.set == nil {
		f.set = make(map[uint64]int32, 4*keysBeforeMap)
		for i := range seen {
			c.index(f, f.firstKey+i) // known distinct
		}
	}
	if j, hit := f.set[nameHash(c.unescape(s, 0))]; hit {
		if c.sameKey(c.keys[j], s) {
			return c.duplicate(at)
		}
		if _, dup := f.exact[string(c.unescape(s, 0))]; dup {
			return c.duplicate(at)
		}
	}
	c.keys = append(c.keys, s)
	c.index(f, len(c.keys)-1)
	return nil
}

// index adds name i of c.keys, known to differ from the object's other
// names, to the hash index of f.
func (c *checker) index(f *frame, i int) {
	h := nameHash(c.unescape(c.keys[i], 0))
	if _, hit := f.set[h]; !hit {
		f.set[h] = int32(i)
		return
	}
	if f.exact == nil {
		f.exact = make(map[string]struct{})
	}
	f.exact[string(c.unescape(c.keys[i], 0))] = struct{}{}
}

// nameHash is a variable so that a test can force collisions.
var nameHash = func(name []byte) uint64 { return maphash.Bytes(hashSeed, name) }

// hashSeed is random per process, so no one can precompute colliding names.
var hashSeed = maphash.MakeSeed()

func (c *checker) duplicate(at int) error {
	return c.fail(ErrDuplicateKey, at, "duplicate object member name: encoding/json would silently keep the last one, so a message must not repeat a name")
}

func (c *checker) sameKey(a, b span) bool {
	if !a.escaped && !b.escaped {
		return string(c.data[a.start:a.end]) == string(c.data[b.start:b.end])
	}
	return string(c.unescape(a, 0)) == string(c.unescape(b, 1))
}

func (c *checker) ws() {
	for c.i < len(c.data) {
		switch c.data[c.i] {
		case ' ', '\t', '\n', '\r':
			c.i++
		default:
			return
		}
	}
}

func (c *checker) literal(word string) error {
	if len(c.data)-c.i < len(word) || string(c.data[c.i:c.i+len(word)]) != word {
		return c.fail(ErrSyntax, c.i, "invalid literal: expected %s", word)
	}
	c.i += len(word)
	return nil
}

func quoteByte(b byte) string {
	if b < utf8.RuneSelf && b >= 0x20 {
		return "'" + string(rune(b)) + "'"
	}
	const hex = "0123456789ABCDEF"
	return "byte 0x" + string([]byte{hex[b>>4], hex[b&15]})
}
