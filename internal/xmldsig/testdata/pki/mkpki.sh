#!/bin/sh
# Regenerates the test PKI in this folder: a P-256 CA and leaves it issued.
# Certificates are valid for 100 years so the golden files keep verifying.
set -eu
cd "$(dirname "$0")"
days=36500

openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out ca.key
openssl req -new -x509 -key ca.key -subj "/C=XX/O=jcx test/CN=jcx test CA" -days $days \
	-addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.pem

leaf() { # name keygen-args...
	name=$1; shift
	openssl genpkey "$@" -out "$name.key" 2>/dev/null
	openssl req -new -key "$name.key" -subj "/C=XX/O=jcx test/CN=$name" -out "$name.csr"
	printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n' >"$name.ext"
	openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days $days \
		-extfile "$name.ext" -out "$name.pem" 2>/dev/null
	rm "$name.csr" "$name.ext"
}
leaf ecdsa -algorithm EC -pkeyopt ec_paramgen_curve:P-256
leaf rsa -algorithm RSA -pkeyopt rsa_keygen_bits:2048
leaf rsa1024 -algorithm RSA -pkeyopt rsa_keygen_bits:1024
leaf p384 -algorithm EC -pkeyopt ec_paramgen_curve:P-384
rm -f ca.srl
