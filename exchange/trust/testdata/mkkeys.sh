#!/bin/sh
# Regenerates the private-key fixtures: one key per PEM form ParsePrivateKeyPEM
# must read (or refuse), written by OpenSSL rather than by Go.
set -eu
cd "$(dirname "$0")"
openssl ecparam -name prime256v1 -genkey -out ec-sec1-with-params.pem                 # EC PARAMETERS + EC PRIVATE KEY
openssl genrsa -traditional -out rsa-pkcs1.pem 2048 2>/dev/null                        # RSA PRIVATE KEY
openssl genpkey -algorithm ED25519 -out ed25519-pkcs8.pem                              # PRIVATE KEY
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out p384-pkcs8.pem    # PRIVATE KEY
openssl pkcs8 -topk8 -in p384-pkcs8.pem -passout pass:secret -out encrypted-pkcs8.pem # ENCRYPTED PRIVATE KEY
openssl req -new -x509 -key p384-pkcs8.pem -subj "/CN=jcx test" -days 36500 -out cert.pem
