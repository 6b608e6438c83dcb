// The jcx JSON signature, made and checked with the npm "jose" package
// (panva/jose): an implementation nobody here wrote, as the Go tests' oracle.
// .ci/run installs it; the Go test runs this file from a folder whose
// node_modules holds it.
//
//   node npm-jose.mjs sign ALG KEY.pem CERT.pem < message.json > signed.json
//   node npm-jose.mjs verify < signed.json               (exit 0 valid, 1 refused)
//   node npm-jose.mjs verify-attached TYP < statement.jws (exit 0 valid, 1 refused)
//
// jose signs and verifies; what it does not do is the jcx part of the profile:
// the payload of a message signature is the RFC 8785 form of the message
// without its "Signature" member, and x5c names the key.
import { FlattenedSign, flattenedVerify, importPKCS8, importX509 } from 'jose';
import { readFileSync } from 'node:fs';

// RFC 8785 for parsed JSON: members sorted by UTF-16 code units, strings and
// numbers as JSON.stringify writes them.
function jcs(v) {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return '[' + v.map(jcs).join(',') + ']';
  return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + jcs(v[k])).join(',') + '}';
}

const b64url = (b) => Buffer.from(b).toString('base64url');

// checkTyp compares typ as media types do (RFC 7515 §4.1.9): case-insensitive,
// "application/" optional. jose checks typ for JWTs only.
function checkTyp(header, want) {
  const norm = (t) => String(t).toLowerCase().replace(/^application\//, '');
  if (norm(header.typ) !== norm(want)) throw new Error('typ ' + header.typ + ', want ' + want);
}
const pem = (der) => '-----BEGIN CERTIFICATE-----\n' + der.match(/.{1,64}/g).join('\n') + '\n-----END CERTIFICATE-----\n';

// keyFor is jose's key resolver: the certificate x5c names, imported for the
// protected header's alg (jose refuses a key of another type).
async function keyFor(header) {
  if (!Array.isArray(header.x5c) || header.x5c.length === 0) throw new Error('no x5c');
  return importX509(pem(header.x5c[0]), header.alg);
}

const [cmd, ...args] = process.argv.slice(2);
const input = readFileSync(0, 'utf8');
try {
  if (cmd === 'sign') {
    const [alg, keyFile, certFile] = args;
    const key = await importPKCS8(readFileSync(keyFile, 'utf8'), alg);
    const der = readFileSync(certFile, 'utf8').replace(/-----[^-]+-----|\s/g, '');
    const msg = JSON.parse(input);
    const jws = await new FlattenedSign(new TextEncoder().encode(jcs(msg)))
      .setProtectedHeader({ alg, typ: 'application/jcx+json', x5c: [der] })
      .sign(key);
    msg.Signature = { protected: jws.protected, signature: jws.signature };
    process.stdout.write(JSON.stringify(msg));
  } else if (cmd === 'verify') {
    const msg = JSON.parse(input);
    const sig = msg.Signature;
    delete msg.Signature;
    const res = await flattenedVerify({ ...sig, payload: b64url(jcs(msg)) }, keyFor,
      { algorithms: ['ES256', 'ES384', 'PS256', 'EdDSA'] });
    checkTyp(res.protectedHeader, 'application/jcx+json');
    process.stdout.write(Buffer.from(res.payload));
  } else if (cmd === 'verify-attached') {
    const res = await flattenedVerify(JSON.parse(input), keyFor,
      { algorithms: ['ES256', 'ES384', 'PS256', 'EdDSA'] });
    checkTyp(res.protectedHeader, args[0]);
    process.stdout.write(Buffer.from(res.payload));
  } else {
    throw new Error('usage: sign | verify | verify-attached');
  }
} catch (e) {
  process.stderr.write(String(e && e.code ? e.code + ': ' + e.message : e) + '\n');
  process.exit(1);
}
