#!/bin/sh
# Regenerates the TLS test fixtures in this directory with openssl (3.x): certificates for
# "localhost" valid for 100 years, their keys in each PEM format the launcher reads, and the
# bad cases. Test-only keys: never use them for anything else. Run: sh make.sh
set -eu
cd "$(dirname "$0")"
days=36500
san="subjectAltName=DNS:localhost"

self_signed() { # KEY CERT ORG
  openssl req -x509 -key "$1" -out "$2" -days "$days" -subj "/O=$3/CN=localhost" -addext "$san"
}

# RSA: one key as PKCS#8 ("PRIVATE KEY") and as PKCS#1 ("RSA PRIVATE KEY")
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa-pkcs8.key
openssl rsa -in rsa-pkcs8.key -traditional -out rsa-pkcs1.key
self_signed rsa-pkcs8.key rsa.crt rsa

# EC P-256: SEC1 ("EC PRIVATE KEY", after the EC PARAMETERS block `openssl ecparam -genkey`
# writes) and the same key as PKCS#8
openssl ecparam -name prime256v1 -genkey -out ec-sec1.key
openssl pkcs8 -topk8 -nocrypt -in ec-sec1.key -out ec-pkcs8.key
self_signed ec-sec1.key ec.crt ec

# Ed25519 (PKCS#8 is its only PEM form)
openssl genpkey -quiet -algorithm ed25519 -out ed25519.key
self_signed ed25519.key ed25519.crt ed25519

# A second RSA certificate, for rotation; its key as PKCS#1
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rotated.key
openssl rsa -in rotated.key -traditional -out rotated.key
self_signed rotated.key rotated.crt rotated

# A chain: a CA, and a leaf it signed; chain.crt is the leaf then the CA
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key
openssl req -x509 -key ca.key -out ca.crt -days "$days" -subj "/O=test CA/CN=test CA"
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out leaf.key
openssl req -new -key leaf.key -subj "/O=leaf/CN=localhost" -out leaf.csr
printf '%s\n' "$san" > leaf.ext
openssl x509 -req -in leaf.csr -CA ca.crt -CAkey ca.key -set_serial 2 -days "$days" -extfile leaf.ext -out leaf.crt
cat leaf.crt ca.crt > chain.crt
rm leaf.csr leaf.ext leaf.crt ca.key

# Expired (2020-01-01 to 2020-01-02), with the RSA key: openssl ca is the one way to set past dates
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
: > "$work/index.txt"
echo 01 > "$work/serial"
cat > "$work/ca.cnf" <<CNF
[ca]
default_ca = d
[d]
database = $work/index.txt
serial = $work/serial
new_certs_dir = $work
default_md = sha256
policy = p
copy_extensions = copy
[p]
organizationName = supplied
commonName = supplied
CNF
openssl req -new -key rsa-pkcs8.key -subj "/O=expired/CN=localhost" -addext "$san" -out "$work/expired.csr"
openssl ca -batch -notext -config "$work/ca.cnf" -selfsign -keyfile rsa-pkcs8.key -in "$work/expired.csr" \
  -startdate 20200101000000Z -enddate 20200102000000Z -out expired.crt 2>/dev/null

# Encrypted keys, which the launcher refuses: PKCS#8 and OpenSSL's legacy PKCS#1 form
openssl pkcs8 -topk8 -in rsa-pkcs8.key -passout pass:secret -out encrypted-pkcs8.key
openssl rsa -in rsa-pkcs8.key -traditional -aes128 -passout pass:secret -out encrypted-pkcs1.key 2>/dev/null
