#!/bin/sh
# Regenerates the self-signed test keys in this folder, one per JWS alg the
# profile allows plus refused ones. Valid for 100 years so golden files
# keep verifying.
set -eu
cd "$(dirname "$0")"
mk() { # name genpkey-args...
	name=$1; shift
	openssl genpkey "$@" -out "$name.key" 2>/dev/null
	openssl req -new -x509 -key "$name.key" -subj "/C=XX/O=jcx test/CN=$name" -days 36500 \
		-addext "basicConstraints=critical,CA:FALSE" -addext "keyUsage=critical,digitalSignature" \
		-out "$name.pem"
}
mk es256 -algorithm EC -pkeyopt ec_paramgen_curve:P-256
mk es384 -algorithm EC -pkeyopt ec_paramgen_curve:P-384
mk ps256 -algorithm RSA -pkeyopt rsa_keygen_bits:2048
mk eddsa -algorithm ED25519
mk p521 -algorithm EC -pkeyopt ec_paramgen_curve:P-521
mk rsa1024 -algorithm RSA -pkeyopt rsa_keygen_bits:1024
