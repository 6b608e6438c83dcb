// Package exchangelog keeps a tamper-evident log of exchanged messages — a transparency
// log in the manner of Certificate Transparency (RFC 9162) and the Go checksum database —
// and verifies what such a log proves, offline, with nothing but the operator's public key.
//
// Receipts prove one exchange between two parties; a custody chain proves the history of
// one artefact. Neither lets a third party check that a whole record of exchanges was never
// rewritten. The log does: it is an append-only Merkle tree whose operator signs
// checkpoints (size and root hash); an inclusion proof shows that a message's leaf is in
// the tree a checkpoint names, and a consistency proof shows that a later checkpoint
// extends an earlier one without changing anything in it.
//
// # What is logged, and why no more
//
// One Leaf per exchanged message: the SHA-256 of its exact bytes (the receipt digest),
// the sender and receiver (country code and authority identifier), the transaction
// identifier, the message timestamp and whether the operator received or sent it. Never
// the content, never a name of a person or a case detail. A log is meant to be copied,
// mirrored and kept by third parties for years, and nothing in it can ever be deleted;
// Directive (EU) 2016/680 (Article 4(1)(c)) requires personal data processed by
// competent authorities to be adequate, relevant and limited to what is necessary. The
// digest is enough to prove, later, that a given message was the one exchanged — whoever
// holds the message recomputes it — while revealing nothing of what it says.
//
// The leaf encoding is canonical and versioned (Leaf.MarshalBinary documents it byte for
// byte; testdata/leaf-v1-*.hex are golden vectors).
//
// # Formats
//
// Everything on disk and on the wire follows public specifications, so that any
// implementation of them can read and verify a jcx log:
//
//   - RFC 6962 hashing: a leaf hash is SHA-256(0x00 || entry), an interior node
//     SHA-256(0x01 || left || right).
//   - C2SP tlog-tiles: hash tiles at tile/<L>/<N>[.p/<W>] and entry bundles (each entry a
//     two-byte big-endian length and its bytes) at tile/entries/<N>[.p/<W>], 256 per
//     tile. See TilePath.
//   - C2SP tlog-checkpoint (origin, size, base64 root) as a C2SP signed-note, with Ed25519
//     keys in the note key format; the origin is the key's name.
//   - C2SP tlog-cosignature v1 for optional witness cosignatures (NewWitnessVerifier).
//
// The tree arithmetic, proof construction and proof checking are those of
// golang.org/x/mod/sumdb/tlog, and notes are signed and opened by
// golang.org/x/mod/sumdb/note, the code behind the Go checksum database; this package
// writes no proof code of its own, only the mapping to the C2SP layout (Go's sumdb paths
// carry the tile height and name bundles "data"; C2SP's do not).
//
// # Writing
//
// Init creates a log in a directory; Open opens it for appending with the operator's
// note signer. Log.Append returns only once the leaf is durable: the entry bundle, the
// tiles and a new signed checkpoint are written to temporary files, fsynced, renamed into
// place, and their directories fsynced, with the checkpoint last. Concurrent Append calls
// are committed together and share those fsyncs, which is where the throughput comes from.
// A crash at any moment leaves the previous or the new checkpoint, each with all its tiles.
// Open checks the checkpoint's signature and the tiles of the tree's right edge; every
// read (Prove, ProveConsistency, Check) checks the tiles it uses against the signed root,
// so a corrupted or truncated tile is reported as ErrCorrupt and never served.
//
// The directory is a static website: any web server, object store or CDN can serve it,
// and clients verify what they fetch. A log whose volume outgrows one writer can move to
// an engine that writes the same format at scale (see docs/log.md).
//
// # Verifying
//
// A Verifier holds the operator's note verifier key, and optionally witness keys and a
// quorum. Verifier.OpenCheckpoint checks a signed checkpoint; VerifyInclusion and
// VerifyConsistency check proofs against opened checkpoints. Each failure matches one
// sentinel error with errors.Is: ErrBadSignature, ErrWrongLog, ErrWitness,
// ErrNotIncluded, ErrFork, ErrRollback, ErrInconsistent.
package exchangelog
