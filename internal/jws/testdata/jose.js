// An independent JWS implementation for the jcx JSON signature, written only
// with node:crypto, used by the Go tests as an interoperability oracle.
//
//   node jose.js sign ALG KEY.pem CERT.pem < message.json > signed.json
//   node jose.js verify < signed.json        (exit 0 valid, 1 refused)
//
// The payload is the RFC 8785 form of the message without "Signature". For
// parsed JSON, JCS is: object members sorted by UTF-16 code units (the
// default Array.prototype.sort order), strings and numbers as
// JSON.stringify writes them (ES2015 Number serialization).
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');

function jcs(v) {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return '[' + v.map(jcs).join(',') + ']';
  return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + jcs(v[k])).join(',') + '}';
}

const b64url = (b) => Buffer.from(b).toString('base64url');

// Per alg: digest for crypto.sign/verify and the key options.
const algs = {
  ES256: ['sha256', { dsaEncoding: 'ieee-p1363' }],
  ES384: ['sha384', { dsaEncoding: 'ieee-p1363' }],
  PS256: ['sha256', { padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }],
  EdDSA: [null, {}],
};

function signingInput(protectedB64, message) {
  const unsigned = Object.assign({}, message);
  delete unsigned.Signature;
  return Buffer.from(protectedB64 + '.' + b64url(jcs(unsigned)));
}

function sign(alg, keyFile, certFile) {
  const message = JSON.parse(fs.readFileSync(0, 'utf8'));
  const cert = new crypto.X509Certificate(fs.readFileSync(certFile));
  const header = { alg, typ: 'application/jcx+json', x5c: [cert.raw.toString('base64')] };
  const protectedB64 = b64url(JSON.stringify(header));
  const [digest, opts] = algs[alg];
  const key = Object.assign({ key: fs.readFileSync(keyFile) }, opts);
  const sig = crypto.sign(digest, signingInput(protectedB64, message), key);
  message.Signature = { protected: protectedB64, signature: b64url(sig) };
  process.stdout.write(JSON.stringify(message, null, 2) + '\n');
}

function verify() {
  const message = JSON.parse(fs.readFileSync(0, 'utf8'));
  const s = message.Signature;
  if (!s || typeof s.protected !== 'string' || typeof s.signature !== 'string' || 'payload' in s) {
    throw new Error('no detached flattened JWS in Signature');
  }
  const header = JSON.parse(Buffer.from(s.protected, 'base64url').toString('utf8'));
  if (!(header.alg in algs)) throw new Error('alg not allowed: ' + header.alg);
  if ('crit' in header || 'b64' in header) throw new Error('crit/b64 not supported');
  if (!Array.isArray(header.x5c) || header.x5c.length === 0) throw new Error('no x5c');
  const cert = new crypto.X509Certificate(Buffer.from(header.x5c[0], 'base64'));
  const [digest, opts] = algs[header.alg];
  const key = Object.assign({ key: cert.publicKey }, opts);
  if (!crypto.verify(digest, signingInput(s.protected, message), key, Buffer.from(s.signature, 'base64url'))) {
    throw new Error('signature does not verify');
  }
  process.stdout.write('valid ' + header.alg + '\n');
}

try {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'sign') sign(...args);
  else if (mode === 'verify') verify();
  else throw new Error('usage: jose.js sign ALG KEY CERT | verify');
} catch (e) {
  process.stderr.write(e.message + '\n');
  process.exit(1);
}
