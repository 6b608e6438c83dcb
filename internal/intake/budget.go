package intake

import (
	"errors"
	"io"
	"sync"
)

// DefaultMaxBuffered is a receiver's default budget: the request bytes held in memory at
// once, across all requests.
const DefaultMaxBuffered = 256 << 20

// ErrBusy is returned when the memory budget cannot hold a request body now; the client
// is told to retry (HTTP 503).
var ErrBusy = errors.New("too many large requests in progress")

// Budget bounds the memory of request bodies across concurrent requests: each body
// reserves what it holds as it is read, so many slow large uploads cannot add up beyond
// the budget, whatever the per-request limit.
type Budget struct {
	mu   sync.Mutex
	free int64
}

// NewBudget returns a budget of max bytes, or of DefaultMaxBuffered when max is not
// positive.
func NewBudget(max int64) *Budget {
	if max <= 0 {
		max = DefaultMaxBuffered
	}
	return &Budget{free: max}
}

func (b *Budget) take(n int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if n > b.free {
		return false
	}
	b.free -= n
	return true
}

// Free is how many bytes are not reserved now.
func (b *Budget) Free() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.free
}

// Give returns n bytes that ReadBody reserved.
func (b *Budget) Give(n int64) {
	b.mu.Lock()
	b.free += n
	b.mu.Unlock()
}

// readChunk is how much more of a body of unknown length is reserved at a time.
const readChunk = 64 << 10

// ReadBody reads at most limit bytes of r into a buffer reserved from b, sized from the
// announced length when there is one. It returns the bytes and how much was reserved,
// which the caller gives back when done with them.
func ReadBody(r io.Reader, announced, limit int64, b *Budget) ([]byte, int64, error) {
	size := int64(readChunk)
	if announced >= 0 {
		size = min(announced, limit) + 1 // one more byte tells an overlong body
	}
	size = min(size, limit)
	if !b.take(size) {
		return nil, 0, ErrBusy
	}
	held := size
	buf := make([]byte, 0, size)
	lr := io.LimitReader(r, limit)
	for {
		if len(buf) == cap(buf) {
			grow := min(max(int64(cap(buf)), readChunk), limit-int64(cap(buf)))
			if grow <= 0 {
				return buf, held, nil
			}
			if !b.take(grow) {
				return nil, held, ErrBusy
			}
			held += grow
			bigger := make([]byte, len(buf), int64(cap(buf))+grow)
			copy(bigger, buf)
			buf = bigger
		}
		n, err := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, held, nil
		}
		if err != nil {
			return nil, held, err
		}
	}
}
