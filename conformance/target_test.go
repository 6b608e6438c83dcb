package conformance

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"syscall"
	"testing"
)

// TestTLSRefused: the ways a TLS 1.3 server's refusal of a client certificate reaches
// the client after its side of the handshake count as no connection; an ordinary
// failure of a connection that was made does not.
func TestTLSRefused(t *testing.T) {
	for _, tc := range []struct {
		name    string
		err     error
		refused bool
	}{
		{"alert", &net.OpError{Op: "remote error", Err: errors.New("tls: certificate required")}, true},
		{"reset before the alert is read", &net.OpError{Op: "read", Err: os.NewSyscallError("read", syscall.ECONNRESET)}, true},
		{"broken pipe as the request is written", fmt.Errorf("transport connection broken: %w",
			&net.OpError{Op: "write", Err: os.NewSyscallError("write", syscall.EPIPE)}), true},
		{"end of file", io.EOF, false},
		{"timeout", &net.OpError{Op: "read", Err: os.ErrDeadlineExceeded}, false},
	} {
		if got := tlsRefused(tc.err); got != tc.refused {
			t.Errorf("%s: tlsRefused = %v, want %v", tc.name, got, tc.refused)
		}
	}
}
