package conformance

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// A mutation changes a message after it was signed, the way an attacker or a broken peer
// would. Mutations are named in the suite (Step.Mutations) and applied in order.
type mutation func(m *mutationInput) ([]byte, error)

// mutationInput is the signed message and what the step knows about it.
type mutationInput struct {
	msg      []byte
	unsigned []byte // the message before signing
	enc      Encoding
	vars     map[string]string
	signer   string                                               // who signed msg
	sign     func(unsigned []byte, signer string) ([]byte, error) // signs again
	// signAs signs again under a named canonicalization (canonExc, canonExcBare); nil
	// when the binding's toolkit has no choice of canonicalization.
	signAs func(unsigned []byte, signer, canon string) ([]byte, error)
}

// Mutation names. Each is documented in docs/suite-format.md.
var mutations = map[string]mutation{
	// tamper-after-sign changes one byte of signed content: the header timestamp's last
	// fraction digit. The signature no longer holds (8002).
	"tamper-after-sign": tamperAfterSign,
	// strip-signature removes the signature (8001).
	"strip-signature": func(m *mutationInput) ([]byte, error) { return m.unsigned, nil },
	// duplicate-key puts a second TransactionIdentifier before the signed one in a JSON
	// header: a lenient parser keeps the last and verifies the signature.
	"duplicate-key": duplicateKey,
	// algorithm-confusion claims an HMAC algorithm for an asymmetric signature.
	"algorithm-confusion": algorithmConfusion,
	// algorithm-mismatch names an algorithm of another key type than the signer's: in
	// XML the RSA-SHA256 SignatureMethod for an ECDSA signature and ECDSA-SHA256 for an
	// RSA one; in JSON the alg PS256 for an ECDSA or EdDSA signature and ES256 for an RSA
	// one. The key, not the document, must decide the algorithm (8005).
	"algorithm-mismatch": algorithmMismatch,
	// signature-wrapping moves the signed message into an extension of a forged one.
	"signature-wrapping": signatureWrapping,
	// oversize pads the message with trailing whitespace beyond 16 MiB (3022).
	"oversize": func(m *mutationInput) ([]byte, error) {
		return append(bytes.Clone(m.msg), bytes.Repeat([]byte{' '}, 16<<20)...), nil
	},
	// deep-nesting inserts 100 000 nested elements or arrays into the header.
	"deep-nesting": deepNesting,
	// truncate cuts the message in half: not well-formed at all.
	"truncate": func(m *mutationInput) ([]byte, error) { return m.msg[:len(m.msg)/2], nil },
	// invalid-text breaks the encoding inside the header timestamp: a byte that is not
	// UTF-8 in XML, a lone surrogate escape in JSON (3019 or 3020).
	"invalid-text": invalidText,
	// wrong-signer, untrusted-signer and expired-signer replace the signature by one
	// made with another test identity: trusted but not the Sender (8004), issued by a CA
	// nobody trusts (8003), expired (8003).
	"wrong-signer":     resign(SignWrongSigner),
	"untrusted-signer": resign(SignUntrusted),
	"expired-signer":   resign(SignExpired),
	// stale-timestamp moves the header timestamp an hour back and signs again, so only
	// the clock window can catch it (8013).
	"stale-timestamp": func(m *mutationInput) ([]byte, error) {
		return edited(m, m.vars["timestamp"], m.vars["timestamp.stale"])
	},
	// wrong-receiver addresses the message to another party of the same country and signs
	// again (8010).
	"wrong-receiver": func(m *mutationInput) ([]byte, error) {
		return edited(m, ">"+m.vars["receiver.id"]+"<", ">someone-else<", `"`+m.vars["receiver.id"]+`"`, `"someone-else"`)
	},
	// reformat lays the signed message out anew in ways its signature does not see
	// (layout.go): a receipt over anything but the exact bytes sent then fails.
	"reformat": reformat,
	// legacy-charset re-encodes an unsigned XML message in ISO-8859-1 and declares it.
	"legacy-charset": legacyCharset,
	// replay is handled by the runner: the message is sent twice and the second answer is
	// the one checked.
	"replay": func(m *mutationInput) ([]byte, error) { return m.msg, nil },
}

func resign(signer string) mutation {
	return func(m *mutationInput) ([]byte, error) { return m.sign(m.unsigned, signer) }
}

// edited replaces the first occurrence of each old with its new in the unsigned message
// (pairs: old, new, old, new …; a pair that does not occur is skipped, one must) and signs
// it again as the step's signer.
func edited(m *mutationInput, pairs ...string) ([]byte, error) {
	out, done := m.unsigned, false
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i] != "" && bytes.Contains(out, []byte(pairs[i])) {
			out = bytes.Replace(out, []byte(pairs[i]), []byte(pairs[i+1]), 1)
			done = true
		}
	}
	if !done {
		return nil, errors.New("nothing to edit")
	}
	if m.signer == SignNone {
		return out, nil
	}
	return m.sign(out, m.signer)
}

func tamperAfterSign(m *mutationInput) ([]byte, error) {
	ts := m.vars["timestamp"]
	i := bytes.Index(m.msg, []byte(ts))
	if ts == "" || i < 0 || len(ts) < 2 {
		return nil, errors.New("tamper-after-sign: no header timestamp to change")
	}
	out := bytes.Clone(m.msg)
	d := i + len(ts) - 2 // the last fraction digit, before the Z
	if out[d] == '9' {
		out[d] = '8'
	} else {
		out[d]++
	}
	return out, nil
}

func duplicateKey(m *mutationInput) ([]byte, error) {
	if m.enc != JSON {
		return nil, errors.New("duplicate-key: JSON only")
	}
	key := []byte(`"TransactionIdentifier"`)
	i := bytes.Index(m.msg, key)
	if i < 0 {
		return nil, errors.New("duplicate-key: no TransactionIdentifier")
	}
	forged := []byte(`"TransactionIdentifier":"00000000-0000-4000-8000-000000000000",`)
	return concat(m.msg[:i], forged, m.msg[i:]), nil
}

func algorithmConfusion(m *mutationInput) ([]byte, error) {
	if m.enc == XML {
		// Any SignatureMethod the signer used becomes HMAC-SHA256, keyed by whatever a
		// confused verifier takes as the secret (typically the public key bytes).
		return setSignatureMethod(m.msg, func(string) string { return "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256" })
	}
	return setJWSAlg(m.msg, func(string) string { return "HS256" })
}

func algorithmMismatch(m *mutationInput) ([]byte, error) {
	if m.enc == XML {
		return setSignatureMethod(m.msg, func(old string) string {
			if strings.Contains(old, "ecdsa") {
				return "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
			}
			return "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
		})
	}
	return setJWSAlg(m.msg, func(old string) string {
		if strings.HasPrefix(old, "PS") || strings.HasPrefix(old, "RS") {
			return "ES256"
		}
		return "PS256"
	})
}

// setJWSAlg replaces the alg of a JSON message's protected header by what to returns
// for it, leaving the signature as it was.
func setJWSAlg(msg []byte, to func(old string) string) ([]byte, error) {
	return editJSONSignature(msg, func(sig map[string]json.RawMessage) error {
		var prot string
		if err := json.Unmarshal(sig["protected"], &prot); err != nil {
			return fmt.Errorf("protected header: %v", err)
		}
		raw, err := base64.RawURLEncoding.DecodeString(prot)
		if err != nil {
			return fmt.Errorf("protected header: %v", err)
		}
		var hdr map[string]any
		if err := json.Unmarshal(raw, &hdr); err != nil {
			return fmt.Errorf("protected header: %v", err)
		}
		old, _ := hdr["alg"].(string)
		hdr["alg"] = to(old)
		nb, _ := json.Marshal(hdr) // a decoded object always re-encodes
		sig["protected"], _ = json.Marshal(base64.RawURLEncoding.EncodeToString(nb))
		return nil
	})
}

// setSignatureMethod replaces the Algorithm of an XML signature's SignatureMethod by
// what to returns for it.
func setSignatureMethod(msg []byte, to func(old string) string) ([]byte, error) {
	const attr = `Algorithm="`
	i := bytes.Index(msg, []byte("SignatureMethod"))
	if i < 0 {
		return nil, errors.New("no SignatureMethod")
	}
	j := bytes.Index(msg[i:], []byte(attr))
	if j < 0 {
		return nil, errors.New("no Algorithm attribute")
	}
	start := i + j + len(attr)
	end := bytes.IndexByte(msg[start:], '"')
	if end < 0 {
		return nil, errors.New("unterminated attribute")
	}
	return concat(msg[:start], []byte(to(string(msg[start:start+end]))), msg[start+end:]), nil
}

// editJSONSignature decodes the top-level object, lets edit change the Signature member
// and re-encodes. Member order changes, which the JCS-based signature does not see.
func editJSONSignature(msg []byte, edit func(map[string]json.RawMessage) error) ([]byte, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(msg, &top); err != nil {
		return nil, err
	}
	var sig map[string]json.RawMessage
	if err := json.Unmarshal(top["Signature"], &sig); err != nil {
		return nil, fmt.Errorf("no JSON Signature member: %v", err)
	}
	if err := edit(sig); err != nil {
		return nil, err
	}
	top["Signature"], _ = json.Marshal(sig)
	return json.Marshal(top)
}

func signatureWrapping(m *mutationInput) ([]byte, error) {
	if m.enc == XML {
		// The forged message keeps the genuine signed message inside its header, where a
		// verifier that looks for "a valid signature somewhere" finds one.
		i := bytes.Index(m.msg, []byte("<Header>"))
		if i < 0 {
			return nil, errors.New("signature-wrapping: no Header")
		}
		body := m.msg
		if j := bytes.Index(body, []byte("<Message")); j >= 0 {
			body = body[j:]
		}
		forged := bytes.Replace(m.unsigned, []byte(m.vars["timestamp"]), []byte(m.vars["timestamp.stale"]), 1)
		k := bytes.Index(forged, []byte("<Header>"))
		if k < 0 {
			return nil, errors.New("signature-wrapping: no Header")
		}
		k += len("<Header>")
		return concat(forged[:k], []byte("<Wrapped>"), body, []byte("</Wrapped>"), forged[k:]), nil
	}
	// JSON: a JWS with an attached payload (the genuine message) on a forged message; a
	// verifier that checks the attached payload instead of the message itself is fooled.
	var forged map[string]json.RawMessage
	if err := json.Unmarshal(m.unsigned, &forged); err != nil {
		return nil, err
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(m.msg, &top); err != nil {
		return nil, err
	}
	var sig map[string]json.RawMessage
	if err := json.Unmarshal(top["Signature"], &sig); err != nil {
		return nil, fmt.Errorf("signature-wrapping: no Signature member: %v", err)
	}
	sig["payload"], _ = json.Marshal(base64.RawURLEncoding.EncodeToString(m.unsigned))
	forged["Header"] = bytes.Replace(forged["Header"], []byte(m.vars["receiver.id"]), []byte("forged-"+m.vars["receiver.id"]), 1)
	forged["Signature"], _ = json.Marshal(sig)
	return json.Marshal(forged)
}

func deepNesting(m *mutationInput) ([]byte, error) {
	const depth = 100000
	if m.enc == XML {
		i := bytes.Index(m.msg, []byte("</Header>"))
		if i < 0 {
			return nil, errors.New("deep-nesting: no Header")
		}
		nest := strings.Repeat("<N>", depth) + strings.Repeat("</N>", depth)
		return concat(m.msg[:i], []byte(nest), m.msg[i:]), nil
	}
	i := bytes.Index(m.msg, []byte(`"Header"`))
	if i < 0 {
		return nil, errors.New("deep-nesting: no Header")
	}
	nest := `"Nested":` + strings.Repeat("[", depth) + strings.Repeat("]", depth) + ","
	return concat(m.msg[:i], []byte(nest), m.msg[i:]), nil
}

func invalidText(m *mutationInput) ([]byte, error) {
	ts := m.vars["timestamp"]
	i := bytes.Index(m.msg, []byte(ts))
	if ts == "" || i < 0 {
		return nil, errors.New("invalid-text: no header timestamp")
	}
	bad := []byte{0xff}
	if m.enc == JSON {
		bad = []byte(`\ud800`)
	}
	end := i + len(ts) - 1 // before the Z
	return concat(m.msg[:end], bad, m.msg[end:]), nil
}

func concat(parts ...[]byte) []byte {
	var b bytes.Buffer
	for _, p := range parts {
		b.Write(p)
	}
	return b.Bytes()
}
