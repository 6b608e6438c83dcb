package conformance

import (
	"errors"
	"fmt"
	"sync"

	"github.com/jcx-dev/jcx/conformance/testpki"
	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/trust"
)

// NewToolkit is DefaultToolkit verifying the implementation's answers against another
// trust bundle: for an implementation whose signing certificate the test CA did not
// issue. The harness still signs with the test PKI, which the implementation must trust.
func NewToolkit(implementationTrust *trust.Bundle) (Toolkit, error) {
	d, err := DefaultToolkit()
	if err != nil || implementationTrust == nil {
		return d, err
	}
	k := *d.(*jcxKit)
	k.verify = exchange.VerifyOptions{Trust: implementationTrust}
	return &k, nil
}

// DefaultToolkit binds the harness to package exchange and the suite's test PKI
// (conformance/testpki): the harness signs as FR jcx-harness with its ECDSA or its RSA
// key (or, for the negative cases, as the intruder, the expired or the untrusted
// identity), expects the
// implementation to answer as LU jcx-reference, and verifies answers against the test CA.
func DefaultToolkit() (Toolkit, error) {
	kitOnce.Do(func() {
		pki, err := testpki.Load()
		if err != nil {
			kitErr = err
			return
		}
		kit = &jcxKit{
			pki: pki,
			ids: map[string]testpki.Identity{
				SignHarness:     pki.Harness,
				SignWrongSigner: pki.WrongSigner,
				SignExpired:     pki.Expired,
				SignUntrusted:   pki.Untrusted,
				SignHarnessRSA:  pki.HarnessRSA,
			},
			verify: exchange.VerifyOptions{Trust: pki.Bundle},
		}
	})
	return kit, kitErr
}

var (
	kitOnce sync.Once
	kit     *jcxKit
	kitErr  error
)

type jcxKit struct {
	pki    *testpki.PKI
	ids    map[string]testpki.Identity
	verify exchange.VerifyOptions
}

func format(e Encoding) exchange.Format {
	if e == JSON {
		return exchange.FormatJSON
	}
	return exchange.FormatXML
}

func (k *jcxKit) Harness() exchange.Party        { return k.pki.Harness.Party }
func (k *jcxKit) Implementation() exchange.Party { return k.pki.Implementation.Party }

func (k *jcxKit) Sign(msg []byte, e Encoding, signer string) ([]byte, error) {
	id, ok := k.ids[signer]
	if !ok {
		return nil, fmt.Errorf("no test identity %q", signer)
	}
	// Cases send invalid messages and messages signed by others on purpose.
	return exchange.SignOptions{Unchecked: true}.Sign(msg, format(e), id.Signer)
}

func (k *jcxKit) Validate(msg []byte, e Encoding) []exchange.ErrorCode {
	var codes []exchange.ErrorCode
	for _, f := range exchange.Validate(msg, format(e)).Findings {
		codes = append(codes, f.Code)
	}
	return codes
}

func (k *jcxKit) VerifyResponse(msg []byte, e Encoding) (exchange.Party, error) {
	v, err := exchange.Verify(msg, format(e), k.verify)
	if err != nil {
		var inv *exchange.InvalidError
		if errors.As(err, &inv) && inv.Has(exchange.CodeSignerNotTrusted) {
			return exchange.Party{}, fmt.Errorf("%w: %v", ErrSignerNotTrusted, err)
		}
		return exchange.Party{}, err
	}
	// Verify holds the certificate to Header.Sender, so the sender is who signed.
	return v.Message.Header.Sender, nil
}
