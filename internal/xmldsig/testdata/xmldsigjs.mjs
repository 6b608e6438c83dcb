// XML-DSig made and checked with the npm package "xmldsigjs" (PeculiarVentures,
// on WebCrypto): an implementation nobody here wrote, the Go tests' oracle for
// RSASSA-PSS (sha256-rsa-MGF1), which the xmlsec1 that Debian ships lacks.
//
//   node xmldsigjs.mjs sign KEY.pem CERT.pem < doc.xml > signed.xml
//   node xmldsigjs.mjs verify < signed.xml      (exit 0 valid, 1 refused)
//
// sign writes an enveloped signature over the whole document (URI=""),
// exclusive C14N, RSA-PSS with SHA-256 and a 32-byte salt, and the certificate
// in X509Data; verify checks the one ds:Signature with the certificate it carries.
import * as xmldsig from 'xmldsigjs';
import { setNodeDependencies } from 'xml-core';
import { DOMParser, XMLSerializer, DOMImplementation } from '@xmldom/xmldom';
import xpath from 'xpath';
import { webcrypto, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';

setNodeDependencies({ DOMParser, XMLSerializer, DOMImplementation, xpath });
xmldsig.Application.setEngine('NodeJS', webcrypto);

const DS = 'http://www.w3.org/2000/09/xmldsig#';
const pemBody = (pem) => Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');

const [cmd, ...args] = process.argv.slice(2);
const input = readFileSync(0, 'utf8');
try {
  if (cmd === 'sign') {
    const [keyFile, certFile] = args;
    const alg = { name: 'RSA-PSS', hash: 'SHA-256', saltLength: 32 };
    const key = await webcrypto.subtle.importKey('pkcs8', pemBody(readFileSync(keyFile, 'utf8')), alg, true, ['sign']);
    const cert = pemBody(readFileSync(certFile, 'utf8')).toString('base64');
    const doc = xmldsig.Parse(input);
    // The RFC 6931 URI sha256-rsa-MGF1 (parameters implied), not RFC 9231's
    // rsa-pss with explicit parameters, which xmldsigjs picks for RSA-PSS.
    xmldsig.CryptoConfig.GetSignatureAlgorithm = () => new xmldsig.RsaPssWithoutParamsSha256();
    const signed = new xmldsig.SignedXml();
    // SignedInfo in exclusive C14N too (xmldsigjs's default is inclusive C14N 1.0).
    signed.XmlSignature.SignedInfo.CanonicalizationMethod.Algorithm = 'http://www.w3.org/2001/10/xml-exc-c14n#';
    await signed.Sign(alg, key, doc, {
      references: [{ uri: '', hash: 'SHA-256', transforms: ['enveloped', 'exc-c14n'] }],
      x509: [cert],
    });
    process.stdout.write(signed.toString());
  } else if (cmd === 'verify') {
    const doc = xmldsig.Parse(input);
    const sigs = doc.getElementsByTagNameNS(DS, 'Signature');
    if (sigs.length !== 1) throw new Error(sigs.length + ' signatures');
    const signed = new xmldsig.SignedXml(doc);
    signed.LoadXml(sigs[0]);
    // The key is the first certificate's: the signer's, as jcx orders X509Data
    // (xmldsigjs would otherwise try every certificate's key, the CA's too).
    const first = doc.getElementsByTagNameNS(DS, 'X509Certificate')[0];
    if (!first) throw new Error('no X509Certificate');
    const pub = new X509Certificate(Buffer.from(first.textContent.replace(/\s/g, ''), 'base64')).publicKey;
    const spki = pub.export({ type: 'spki', format: 'der' });
    const curves = { prime256v1: 'P-256', secp384r1: 'P-384' };
    const alg = pub.asymmetricKeyType === 'ec'
      ? { name: 'ECDSA', namedCurve: curves[pub.asymmetricKeyDetails.namedCurve] }
      : { name: 'RSA-PSS', hash: 'SHA-256' };
    const key = await webcrypto.subtle.importKey('spki', spki, alg, true, ['verify']);
    // Verify re-imports the key for the SignatureMethod's algorithm, which for
    // ECDSA does not name the curve.
    if (alg.namedCurve) signed.Algorithm = { ...signed.Algorithm, namedCurve: alg.namedCurve };
    if (!(await signed.Verify(key))) throw new Error('signature does not verify');
  } else {
    throw new Error('usage: sign | verify');
  }
} catch (e) {
  process.stderr.write(String(e && e.stack || e) + '\n');
  process.exit(1);
}
