package exchangelog

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// Checkpoint is the body of a C2SP tlog-checkpoint: the log's origin, its size and the
// RFC 6962 root hash of the tree of that size. It travels as a signed note.
type Checkpoint struct {
	Origin     string
	Size       int64
	Root       tlog.Hash
	Extensions []string // optional lines after the root, kept as read
}

// ErrMalformedCheckpoint is matched by the errors of ParseCheckpoint.
var ErrMalformedCheckpoint = errors.New("exchangelog: malformed checkpoint")

// maxCheckpointLines bounds the work ParseCheckpoint does on hostile input.
const maxCheckpointLines = 64

// Marshal returns the checkpoint body: origin, decimal size, base64 root, each followed
// by a newline, then any extension lines.
func (c Checkpoint) Marshal() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\n%d\n%s\n", c.Origin, c.Size, base64.StdEncoding.EncodeToString(c.Root[:]))
	for _, e := range c.Extensions {
		b.WriteString(e + "\n")
	}
	return b.Bytes()
}

// ParseCheckpoint parses a checkpoint body (the text of a note, without signatures).
func ParseCheckpoint(text []byte) (Checkpoint, error) {
	var c Checkpoint
	bad := func(format string, args ...any) (Checkpoint, error) {
		return Checkpoint{}, fmt.Errorf("%w: %s", ErrMalformedCheckpoint, fmt.Sprintf(format, args...))
	}
	if len(text) == 0 || text[len(text)-1] != '\n' {
		return bad("does not end with a newline")
	}
	lines := strings.SplitN(string(text[:len(text)-1]), "\n", maxCheckpointLines+1)
	if len(lines) < 3 {
		return bad("%d lines, want origin, size and root hash", len(lines))
	}
	if len(lines) > maxCheckpointLines {
		return bad("more than %d lines", maxCheckpointLines)
	}
	c.Origin = lines[0]
	if c.Origin == "" {
		return bad("empty origin")
	}
	// One spelling per size: no sign, no leading zero, no spaces.
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 || strconv.FormatInt(size, 10) != lines[1] {
		return bad("size %q is not a decimal number", lines[1])
	}
	c.Size = size
	root, err := base64.StdEncoding.Strict().DecodeString(lines[2])
	if err != nil || len(root) != tlog.HashSize {
		return bad("root hash %q is not 32 bytes in base64", lines[2])
	}
	copy(c.Root[:], root)
	for _, e := range lines[3:] {
		if e == "" {
			return bad("empty extension line")
		}
		c.Extensions = append(c.Extensions, e)
	}
	return c, nil
}

// SignCheckpoint returns the checkpoint as a signed note, signed by the operator's key
// (and any further signers, such as a witness cosigning its own copy).
func SignCheckpoint(c Checkpoint, signers ...note.Signer) ([]byte, error) {
	return note.Sign(&note.Note{Text: string(c.Marshal())}, signers...)
}
