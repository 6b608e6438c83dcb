// Package strictjson is the front door for JSON: every JSON message that
// enters jcx is checked by Check before encoding/json decodes it.
//
//	if err := strictjson.Check(body, strictjson.Limits{RequireSafeIntegers: signed}); err != nil {
//		var e *strictjson.Error
//		errors.As(err, &e) // e.Code() 3019/3020/3022, e.Pointer "/Payload/Request/0/x"
//	}
//	json.Unmarshal(body, &msg) // now safe to trust what it does
//
// # Why a second parser
//
// encoding/json is lenient where a message exchange between states must
// not be. Two messages that differ only in ways encoding/json ignores
// would be read the same and could carry the same signature, and a
// reviewer could read a message differently from the program. Check
// refuses, in addition to everything json.Valid refuses:
//
//   - Duplicate member names in one object (encoding/json silently keeps
//     the last). Names are compared after unescaping, so "a" and "\u0061"
//     are the same name. The error points at the duplicate with an RFC
//     6901 JSON Pointer.
//   - Invalid UTF-8, which encoding/json replaces with U+FFFD, and escapes
//     of unpaired surrogates ("\ud800", or a low surrogate alone), which it
//     also turns into U+FFFD and which JCS (RFC 8785) cannot serialise.
//   - Nesting deeper than Limits.MaxDepth (default 100), objects with more
//     than Limits.MaxMembers members (default 10,000), messages with more
//     than Limits.MaxValues values (default 250,000) and messages larger
//     than Limits.MaxBytes (default 16 MiB). What is built from a message
//     afterwards costs per value, so the values are counted, not only the
//     bytes.
//   - Numbers with more than Limits.MaxNumberDigits digits before the
//     exponent (default 40) or an exponent of more than MaxExponentDigits
//     (4) digits. Whoever computes a number's exact value afterwards
//     (math/big, as JSON Schema validators do for minimum and maximum)
//     pays time quadratic in its length: four million digits cost half a
//     minute. No jcx number needs more than 19 digits.
//   - With RequireSafeIntegers, numbers that could change on the way
//     through an IEEE 754 double: fractions, exponents and integers beyond
//     ±2^53. Signed JSON is signed in its JCS form, which is computed from
//     doubles; such a number would be signed as a different number.
//
// Everything json.Valid refuses is refused too (trailing data after the
// value, control characters in strings, invalid numbers and escapes, a
// byte order mark); the fuzz target FuzzCheck holds the two to exactly
// that difference.
//
// # Errors
//
// Every error is an *Error with the JSON Pointer of the offending value,
// its byte offset, line and column, and a message a person can act on. It
// wraps one sentinel for errors.Is. Codes follow the HI-1 table:
//
//	3019 ErrInvalidUTF8   the bytes are not UTF-8 text
//	3020 everything else  not an acceptable JSON message
//	3022 ErrTooLarge      larger than Limits.MaxBytes
//	     ErrTooManyValues more than Limits.MaxValues values
//
// # Cost
//
// One pass, left to right, with an explicit stack instead of recursion.
// Small messages cost one allocation (the checker's fixed buffers); an
// object with more than 16 members indexes its names by hash, without
// copying them. Check is
// several times faster than json.Valid (see BenchmarkCheck), so running it
// first adds little to the decoding that follows.
package strictjson
