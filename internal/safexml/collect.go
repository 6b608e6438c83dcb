package safexml

// collector gathers the prepared document while it streams through the
// checks. It stores growing chunks and joins them once at the end, so a
// document of n bytes costs about 2n bytes of allocation, where a
// bytes.Buffer that doubles could cost up to 4n.
type collector struct {
	chunks [][]byte
	size   int
}

const (
	firstChunk = 4 << 10
	maxChunk   = 1 << 20
)

func (c *collector) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		if len(c.chunks) == 0 || len(c.last()) == cap(c.last()) {
			size := firstChunk
			if len(c.chunks) > 0 {
				size = min(2*cap(c.last()), maxChunk)
			}
			c.chunks = append(c.chunks, make([]byte, 0, size))
		}
		last := &c.chunks[len(c.chunks)-1]
		k := min(len(p), cap(*last)-len(*last))
		*last = append(*last, p[:k]...)
		p = p[k:]
	}
	c.size += n
	return n, nil
}

func (c *collector) last() []byte { return c.chunks[len(c.chunks)-1] }

// bytes returns the collected document; it is a fresh, exactly sized
// slice unless everything fit in the first chunk.
func (c *collector) bytes() []byte {
	switch len(c.chunks) {
	case 0:
		return []byte{}
	case 1:
		return c.chunks[0]
	}
	out := make([]byte, 0, c.size)
	for _, ch := range c.chunks {
		out = append(out, ch...)
	}
	return out
}
