package xmlschema

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/jcx-dev/jcx/exchange/trust"
	"github.com/jcx-dev/jcx/internal/safexml"
	"github.com/jcx-dev/jcx/internal/xsd"
)

// ValidateBytes validates one document and returns its findings; none
// means the document is valid. A document refused before validation (not
// well-formed, a DOCTYPE, an unaccepted charset, over a limit) gets one
// finding saying why. data is neither modified nor retained.
func (s *Set) ValidateBytes(data []byte) []Finding {
	doc, err := safexml.PrepareBytes(data, safexml.Limits{MaxBytes: s.opts.MaxBytes, MaxDepth: s.opts.MaxDepth})
	if err != nil {
		return []Finding{refusal(err)}
	}
	found, err := s.schema.ValidatePrepared(doc)
	if err != nil {
		f := Finding{Code: CodeInvalid, Message: err.Error()}
		if ie, ok := errors.AsType[*xsd.InstanceError](err); ok {
			f.Line, f.Message = ie.Line, ie.Msg
		}
		return []Finding{f}
	}
	if len(found) == 0 {
		return nil
	}
	out := make([]Finding, len(found))
	for i, f := range found {
		out[i] = Finding{Code: CodeInvalid, Path: f.Path, Line: f.Line, Message: f.Message}
	}
	return out
}

// Validate reads one document from r, at most Options.MaxBytes of it, and
// validates it as ValidateBytes does. The error is non-nil only when r
// fails or ctx ends before the document is read; a document over the size
// limit is a finding (CodeTooLarge), not an error.
func (s *Set) Validate(ctx context.Context, r io.Reader) ([]Finding, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// An *os.File says its size, so that it is read with one call.
	return s.validateRead(func(buf []byte) ([]byte, error) {
		return safexml.ReadLimitedInto(buf, &ctxReader{ctx: ctx, r: r}, s.opts.MaxBytes, safexml.FileSize(r))
	})
}

// ValidateFile validates the file name as Validate validates a reader,
// reading it more cheaply than os.Open and Validate would on Unix (the bare
// descriptor, no poller registration: four system calls fewer per file),
// which shows when a program validates thousands of small documents. ctx
// is checked before the file is opened; a file is read at once, so a pipe
// that never ends is bounded by the size limit, not by ctx.
func (s *Set) ValidateFile(ctx context.Context, name string) ([]Finding, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return s.validateRead(func(buf []byte) ([]byte, error) {
		return safexml.ReadFileInto(buf, name, s.opts.MaxBytes)
	})
}

// validateRead reads a document with read into a buffer that the last
// document left behind (ValidateBytes keeps nothing of it) and validates it.
func (s *Set) validateRead(read func(buf []byte) ([]byte, error)) ([]Finding, error) {
	pooled := readBuffers.Get().(*[]byte)
	data, err := read(*pooled)
	defer func() {
		if cap(data) <= maxPooledRead {
			*pooled = data[:0]
			readBuffers.Put(pooled)
		}
	}()
	if errors.Is(err, safexml.ErrTooLarge) {
		return []Finding{refusal(err)}, nil
	}
	if err != nil {
		return nil, err
	}
	return s.ValidateBytes(data), nil
}

// readBuffers recycles the buffers documents are read into, up to
// maxPooledRead bytes each, so that validating a stream of documents does
// not allocate and clear a buffer per document.
var readBuffers = sync.Pool{New: func() any { return new([]byte) }}

const maxPooledRead = 1 << 20

// refusal is the finding for a document the front door refused.
func refusal(err error) Finding {
	if e, ok := errors.AsType[*safexml.Error](err); ok {
		return Finding{Code: trust.ErrorCode(e.Code()), Line: e.Line, Message: e.Msg}
	}
	return Finding{Code: CodeInvalid, Message: fmt.Sprint(err)}
}

// ctxReader stops reading once ctx is done, so a slow or endless reader
// does not outlive its caller's deadline by more than one Read.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
