// Package jws signs and verifies jcx JSON messages.
//
// A signed message is a JSON object with a top-level "Signature" member
// holding a flattened JWS JSON serialization (RFC 7515 §7.2.2) whose
// payload is detached:
//
//	{
//	  "Header": {...},
//	  "Payload": {...},
//	  "Signature": {"protected": "eyJhbGciOi...", "signature": "MEUCIQ..."}
//	}
//
// The payload is the RFC 8785 (JCS) form of the message with the Signature
// member removed, so the signature covers every other member and survives
// any re-formatting of the JSON. The protected header carries "alg",
// "typ": "application/jcx+json" and "x5c" (the signer's certificate first).
//
// Algorithms are fixed by the key: ES256 (P-256), ES384 (P-384), PS256 (RSA
// 2048–8192 bits, salt 32 bytes) and EdDSA (Ed25519). Nothing else is
// accepted: not "none", not HMAC, not RSA PKCS #1 v1.5, not an alg that
// does not match the x5c key.
//
// The JSON itself must be strict: no duplicate member names at any depth
// (encoding/json would silently keep the last one, so the signed and the
// read message could differ), no integers beyond ±(2^53−1) and no lone
// surrogates (JCS could not reproduce them), nothing after the object.
//
// Verify returns the JCS payload that was signed and the x5c chain, not yet
// trusted: package exchange/trust decides whether the chain is trusted and
// names the sender. Every error is an *Error whose Code method gives the
// jcx code: 8001 (ErrMissing), 8002 (ErrInvalid) or 8005 (ErrAlgorithm).
//
// The JWS is assembled and checked here, with the standard library: the
// profile fixes its shape so tightly (one protected header of alg, typ and
// x5c; one detached payload; four fixed-length signature algorithms) that a
// general JOSE library only parsed the header and the certificates a second
// time. The files: strict.go, the strict JSON scanner; canonical.go, a
// streaming RFC 8785 canonicaliser that writes the payload straight from the
// checked bytes; verify.go, the shape and header checks; signature.go, the
// signature itself; signer.go, signing through any crypto.Signer with the
// PS256 salt length RFC 7518 requires and ECDSA as r‖s. go-jose, which did
// this before, stays as the oracle of the differential tests
// (FuzzVerifyMatchesJose, TestSignMatchesJose).
package jws
