package refimpl_test

import (
	"context"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
)

// BenchmarkSignedRoundTrip measures one signed request through the implementation:
// verify the request, apply it, sign the response, and verify the response on return.
func BenchmarkSignedRoundTrip(b *testing.B) {
	for _, f := range formats {
		b.Run(f.String(), func(b *testing.B) {
			srv := newServer(b)
			c := newClient(b, srv, f)
			b.ReportAllocs()
			for b.Loop() {
				body := c.encode(c.message(capabilities()))
				resp, _ := srv.Exchange(context.Background(), body, f.MediaType())
				if _, err := exchange.Verify(resp, f, exchange.VerifyOptions{Trust: c.pki.Bundle}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
