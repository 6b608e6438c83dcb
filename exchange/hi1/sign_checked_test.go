package hi1

import (
	"bytes"
	"errors"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/trust"
)

func TestIsHI1(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		want bool
	}{
		{`<?xml version="1.0"?><HI1Message xmlns="` + NSCore + `"/>`, true},
		{`<!-- c --><h:HI1Message xmlns:h="` + NSCore + `"/>`, true},
		{`<HI1Message xmlns="urn:other"/>`, false},
		{`<Message xmlns="https://jcx.dev/ns/core/2026-11"/>`, false},
		{`{"Header":{}}`, false},
		{`<!DOCTYPE x><HI1Message xmlns="` + NSCore + `"/>`, false},
		{``, false},
	} {
		if got := IsHI1([]byte(tc.doc)); got != tc.want {
			t.Errorf("IsHI1(%q) = %v", tc.doc, got)
		}
	}
}

func TestSignCheckedVerifyMessage(t *testing.T) {
	p := testPKI(t)
	msg := testRequest(t)
	signed, err := SignChecked(msg, p.ecdsa, nil, SignOptions{Canonicalization: ExclusiveC14N})
	if err != nil {
		t.Fatal(err)
	}
	m, v, err := VerifyMessage(signed, exchange.VerifyOptions{Trust: p.bundle})
	if err != nil {
		t.Fatal(err)
	}
	if got := endpointParty(m.Header.SenderIdentifier); got != sender || !v.Signer.Names(sender) {
		t.Errorf("verified message from %v, signer names the sender: %v", got, v.Signer.Names(sender))
	}

	other, err := trust.Issue(trust.IssueRequest{Party: trust.Party{CountryCode: "DE", UniqueIdentifier: "intruder"}, Algorithm: trust.ECDSAP256, Issuer: p.ca})
	if err != nil {
		t.Fatal(err)
	}
	invalid := bytes.Replace(msg, []byte("<ActionIdentifier>1<"), []byte("<ActionIdentifier>7<"), 1)
	for _, tc := range []struct {
		name   string
		data   []byte
		signer exchange.Signer
		codes  []exchange.ErrorCode
	}{
		{"signer is not the sender", msg, other, []exchange.ErrorCode{exchange.CodeSignerNotSender}},
		{"envelope rules", invalid, p.ecdsa, []exchange.ErrorCode{exchange.CodeImproperValue}},
		{"not HI-1", []byte(`<Message xmlns="urn:x"/>`), p.ecdsa, []exchange.ErrorCode{exchange.CodeSchema}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := SignChecked(tc.data, tc.signer, nil, SignOptions{})
			var inv *exchange.InvalidError
			if out != nil || !errors.As(err, &inv) {
				t.Fatalf("signed: %v, error %v", out != nil, err)
			}
			for _, c := range tc.codes {
				if !inv.Has(c) {
					t.Errorf("findings %v lack %d", inv.Findings, c)
				}
			}
		})
	}

	// Signed by a trusted party that is not the sender: the signature holds, the
	// message is refused.
	foreign, err := Sign(msg, other, SignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = VerifyMessage(foreign, exchange.VerifyOptions{Trust: p.bundle})
	var inv *exchange.InvalidError
	if !errors.As(err, &inv) || !inv.Has(exchange.CodeSignerNotSender) || inv.Findings[0].Path != senderPath {
		t.Errorf("foreign signer: %v", err)
	}
}
