package conformance

import (
	"errors"
	"fmt"

	"github.com/jcx-dev/jcx/conformance/testpki"
	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/hi1"
	"github.com/jcx-dev/jcx/exchange/trust"
	"github.com/jcx-dev/jcx/internal/xmldsig"
)

// Bindings a suite's manifest may name: how its messages are written and answered.
const (
	// BindingJCX is the jcx core binding (the default): jcx messages in XML or JSON,
	// answered with a signed Response that carries a receipt of the request's bytes.
	BindingJCX = "jcx"
	// BindingHI1 is the HI-1 binding: ETSI TS 103 120 messages in XML, answered with a
	// signed HI-1 response correlated by TransactionIdentifier (docs/hi1.md).
	BindingHI1 = "hi1"
)

// HI1Toolkit binds the harness to package exchange/hi1 and the suite's test PKI, for
// suites whose binding is BindingHI1: messages are signed with C14N 1.1 as hi1.Sign
// writes them, checked with the HI-1 envelope rules, and answers verified with
// hi1.Verify, their signer held to their SenderIdentifier. implementationTrust, when not
// nil, replaces the test CA for verifying answers, as in NewToolkit.
func HI1Toolkit(implementationTrust *trust.Bundle) (Toolkit, error) {
	pki, err := testpki.Load()
	if err != nil {
		return nil, err
	}
	k := &hi1Kit{pki: pki, ids: map[string]testpki.Identity{
		SignHarness:     pki.Harness,
		SignWrongSigner: pki.WrongSigner,
		SignExpired:     pki.Expired,
		SignUntrusted:   pki.Untrusted,
		SignHarnessRSA:  pki.HarnessRSA,
	}, verify: exchange.VerifyOptions{Trust: pki.Bundle}}
	if implementationTrust != nil {
		k.verify.Trust = implementationTrust
	}
	return k, nil
}

// ToolkitFor returns the toolkit of a suite's binding (Manifest.Binding: BindingJCX or
// empty, or BindingHI1), verifying answers against implementationTrust when it is not
// nil and against the test CA otherwise.
func ToolkitFor(binding string, implementationTrust *trust.Bundle) (Toolkit, error) {
	if binding == BindingHI1 {
		return HI1Toolkit(implementationTrust)
	}
	return NewToolkit(implementationTrust)
}

func toolkitFor(binding string) (Toolkit, error) { return ToolkitFor(binding, nil) }

type hi1Kit struct {
	pki    *testpki.PKI
	ids    map[string]testpki.Identity
	verify exchange.VerifyOptions
}

func (k *hi1Kit) Harness() exchange.Party        { return k.pki.Harness.Party }
func (k *hi1Kit) Implementation() exchange.Party { return k.pki.Implementation.Party }

func (k *hi1Kit) Sign(msg []byte, e Encoding, signer string) ([]byte, error) {
	if e != XML {
		return nil, errors.New("HI-1 messages are XML only")
	}
	id, ok := k.ids[signer]
	if !ok {
		return nil, fmt.Errorf("no test identity %q", signer)
	}
	return hi1.Sign(msg, id.Signer, hi1.SignOptions{})
}

func (k *hi1Kit) Validate(msg []byte, e Encoding) []exchange.ErrorCode {
	if e != XML {
		return []exchange.ErrorCode{exchange.CodeEncoding}
	}
	var codes []exchange.ErrorCode
	for _, f := range hi1.NewValidator(hi1.Options{}).Validate(msg).Findings {
		codes = append(codes, f.Code)
	}
	return codes
}

// VerifyResponse verifies the answer's signature and reads the sender from what was
// signed, never from the input, then holds the certificate to it. A signer the trust
// does not anchor wraps ErrSignerNotTrusted, as for jcx answers, so that a run whose
// every answer fails on trust says to give --trust.
func (k *hi1Kit) VerifyResponse(msg []byte, e Encoding) (exchange.Party, error) {
	m, _, err := hi1.VerifyMessage(msg, k.verify)
	if err != nil {
		var inv *exchange.InvalidError
		if errors.As(err, &inv) && inv.Has(exchange.CodeSignerNotTrusted) {
			return exchange.Party{}, fmt.Errorf("%w: %v", ErrSignerNotTrusted, err)
		}
		return exchange.Party{}, err
	}
	s := m.Header.SenderIdentifier
	return exchange.Party{CountryCode: s.CountryCode, UniqueIdentifier: s.UniqueIdentifier}, nil
}

// signCanonical signs as hi1.Sign does with exclusive C14N (canonExc), or as a signer
// unaware of xsi:type QNames would: exclusive C14N without a PrefixList (canonExcBare).
func (k *hi1Kit) signCanonical(msg []byte, signer, canon string) ([]byte, error) {
	id, ok := k.ids[signer]
	if !ok {
		return nil, fmt.Errorf("no test identity %q", signer)
	}
	switch canon {
	case canonExc:
		return hi1.Sign(msg, id.Signer, hi1.SignOptions{Canonicalization: hi1.ExclusiveC14N})
	case canonExcBare:
		return xmldsig.Sign(msg, id.Signer.Key, id.Signer.Chain)
	}
	return nil, fmt.Errorf("no canonicalization %q", canon)
}
