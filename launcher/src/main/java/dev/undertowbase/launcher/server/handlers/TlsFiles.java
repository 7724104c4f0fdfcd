package dev.undertowbase.launcher.server.handlers;

import dev.undertowbase.launcher.config.BadInput;
import dev.undertowbase.launcher.config.Sourced;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * README, HTTP/2 and TLS: TLS_CERT_FILE and TLS_KEY_FILE, read from PEM into an SSLContext. The
 * certificate file holds the server's certificate first, then its chain; the key file a PKCS#8
 * ("PRIVATE KEY"), PKCS#1 ("RSA PRIVATE KEY") or SEC1 ("EC PRIVATE KEY") key, unencrypted. Any
 * problem is one {@link BadInput} naming the setting and the file.
 *
 * @param certPem the certificate file's bytes as read
 * @param keyPem  the key file's bytes as read
 */
record TlsFiles(Sourced<Path> certFile, byte[] certPem, Sourced<Path> keyFile, byte[] keyPem) {

    /** PKCS#8 AlgorithmIdentifier OIDs and the JDK's KeyFactory names for them. */
    private static final String RSA_OID = "1.2.840.113549.1.1.1";
    private static final String EC_OID = "1.2.840.10045.2.1";
    private static final byte[] RSA_ALGORITHM = HexFormat.of().parseHex("300d06092a864886f70d0101010500");
    private static final byte[] EC_OID_DER = HexFormat.of().parseHex("06072a8648ce3d0201");

    /** Reads both files as they are now; does not parse them. */
    static TlsFiles read(Sourced<Path> certFile, Sourced<Path> keyFile) {
        return new TlsFiles(certFile, bytes(certFile), keyFile, bytes(keyFile));
    }

    /** True when both files still hold what {@code other} read. */
    boolean sameAs(TlsFiles other) {
        return other != null && Arrays.equals(certPem, other.certPem) && Arrays.equals(keyPem, other.keyPem);
    }

    /** The certificate chain and the key, checked to belong together. */
    Identity identity() {
        List<X509Certificate> chain = certificates();
        PrivateKey key = privateKey();
        if (!matches(key, chain.get(0))) {
            throw keyFile.bad(keyFile.value() + " does not match the certificate in " + certFile.value());
        }
        return new Identity(key, chain.toArray(X509Certificate[]::new));
    }

    /** A certificate and its private key. */
    record Identity(PrivateKey key, X509Certificate[] chain) {

        X509Certificate certificate() {
            return chain[0];
        }

        /** "expired on …" or "not valid before …" when the certificate is not valid now, else null. */
        String validityProblem() {
            try {
                certificate().checkValidity();
                return null;
            } catch (CertificateExpiredException e) {
                return "expired on " + certificate().getNotAfter().toInstant();
            } catch (CertificateNotYetValidException e) {
                return "not valid before " + certificate().getNotBefore().toInstant();
            }
        }

        /** "CN=example.com, expires 2027-01-01T00:00:00Z": for the log. */
        String describe() {
            return certificate().getSubjectX500Principal().getName() + ", expires " + certificate().getNotAfter().toInstant();
        }

        /** A server-side TLS context presenting this identity, with the JDK's default protocols (TLS 1.3 and 1.2). */
        SSLContext sslContext() {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(new KeyManager[] {new OneKey(key, chain)}, null, new SecureRandom());
                return context;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK cannot make a TLS context", e);
            }
        }
    }

    private static byte[] bytes(Sourced<Path> file) {
        try {
            return Files.readAllBytes(file.value());
        } catch (NoSuchFileException e) {
            throw file.bad(file.value() + " does not exist");
        } catch (IOException e) {
            throw file.bad("cannot read " + file.value() + ": " + e.getMessage());
        }
    }

    private List<X509Certificate> certificates() {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Pem block : Pem.blocks(certFile, certPem)) {
                if (block.label().equals("CERTIFICATE")) {
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException e) {
            throw certFile.bad(certFile.value() + ": certificate " + (chain.size() + 1) + " is not valid X.509: "
                + e.getMessage());
        }
        if (chain.isEmpty()) {
            throw certFile.bad(certFile.value() + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return chain;
    }

    private PrivateKey privateKey() {
        for (Pem block : Pem.blocks(keyFile, keyPem)) {
            try {
                PrivateKey key = privateKey(block);
                if (key != null) {
                    return key;
                }
            } catch (Der.Malformed | GeneralSecurityException e) {
                throw keyFile.bad(keyFile.value() + ": the " + block.label() + " is not a valid key: " + e.getMessage());
            }
        }
        throw keyFile.bad(keyFile.value()
            + " holds no PEM private key (-----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY)");
    }

    /** The key in a block; null for a block that holds none (a certificate, OpenSSL's EC PARAMETERS). */
    private PrivateKey privateKey(Pem block) throws Der.Malformed, GeneralSecurityException {
        return switch (block.label()) {
            case "ENCRYPTED PRIVATE KEY" -> throw encrypted();
            case "PRIVATE KEY" -> pkcs8(block.der());
            case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> {
                if (block.encrypted()) {
                    throw encrypted();
                }
                yield block.label().startsWith("RSA") ? pkcs1(block.der()) : sec1(block.der());
            }
            default -> null;
        };
    }

    private BadInput encrypted() {
        return keyFile.bad(keyFile.value() + ": the key is encrypted; give it unencrypted"
            + " (openssl pkey -in KEY -out PLAIN)");
    }

    /** PKCS#8: the AlgorithmIdentifier names the key type. */
    private PrivateKey pkcs8(byte[] der) throws Der.Malformed, GeneralSecurityException {
        Der.Reader info = new Der.Reader(der).next(Der.SEQUENCE).contents();
        info.next(Der.INTEGER);
        String oid = Der.oid(info.next(Der.SEQUENCE).contents().next(Der.OID));
        String algorithm = switch (oid) {
            case RSA_OID -> "RSA";
            case EC_OID -> "EC";
            case "1.3.101.112" -> "Ed25519";
            case "1.3.101.113" -> "Ed448";
            default -> throw keyFile.bad(keyFile.value() + ": unsupported key algorithm " + oid
                + " (RSA, EC, Ed25519 and Ed448 keys are)");
        };
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /** PKCS#1 (RFC 8017): wrapped into PKCS#8 as an rsaEncryption key. */
    private static PrivateKey pkcs1(byte[] der) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
            Der.field(Der.SEQUENCE, Der.field(Der.INTEGER, new byte[] {0}), RSA_ALGORITHM, Der.field(Der.OCTET_STRING, der))));
    }

    /** SEC1 (RFC 5915): wrapped into PKCS#8 with the curve its parameters name. */
    private static PrivateKey sec1(byte[] der) throws Der.Malformed, GeneralSecurityException {
        Der.Reader key = new Der.Reader(der).next(Der.SEQUENCE).contents();
        key.next(Der.INTEGER);
        key.next(Der.OCTET_STRING);
        byte[] curve = null;
        while (key.hasMore()) {
            Der.Field field = key.next();
            if (field.tag() == Der.CONTEXT_0) {
                curve = Der.field(Der.OID, field.contents().next(Der.OID).content());
            }
        }
        if (curve == null) {
            throw new Der.Malformed("it names no curve");
        }
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
            Der.field(Der.SEQUENCE, Der.field(Der.INTEGER, new byte[] {0}), Der.field(Der.SEQUENCE, EC_OID_DER, curve),
                Der.field(Der.OCTET_STRING, der))));
    }

    /** Signs a random challenge with the key and checks it with the certificate's public key. */
    private static boolean matches(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        if (!key.getAlgorithm().equals(certificate.getPublicKey().getAlgorithm())) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * One PEM block: its label ("CERTIFICATE", "PRIVATE KEY", …) and the DER it encodes.
     *
     * @param encrypted an RFC 1421 header says "Proc-Type: 4,ENCRYPTED" (OpenSSL's legacy encrypted keys)
     */
    private record Pem(String label, byte[] der, boolean encrypted) {

        private static final String BEGIN = "-----BEGIN ";
        private static final String END = "-----END ";
        private static final String DASHES = "-----";

        /** The blocks of a file, in order; text around them is ignored (openssl's -text output, comments). */
        static List<Pem> blocks(Sourced<Path> file, byte[] bytes) {
            List<Pem> blocks = new ArrayList<>();
            String label = null;
            StringBuilder base64 = new StringBuilder();
            boolean encrypted = false;
            int lineNumber = 0;
            for (String raw : new String(bytes, StandardCharsets.ISO_8859_1).split("\r?\n|\r")) {
                lineNumber++;
                String line = raw.strip();
                if (label == null) {
                    if (line.startsWith(BEGIN) && line.endsWith(DASHES) && line.length() > BEGIN.length() + DASHES.length()) {
                        label = line.substring(BEGIN.length(), line.length() - DASHES.length());
                        base64.setLength(0);
                        encrypted = false;
                    }
                } else if (line.startsWith(END)) {
                    if (!line.equals(END + label + DASHES)) {
                        throw file.bad(file.value() + ":" + lineNumber + ": expected -----END " + label + "-----");
                    }
                    try {
                        blocks.add(new Pem(label, Base64.getDecoder().decode(base64.toString()), encrypted));
                    } catch (IllegalArgumentException e) {
                        throw file.bad(file.value() + ": the " + label + " block is not valid base64");
                    }
                    label = null;
                } else if (line.contains(":")) {
                    encrypted |= line.startsWith("Proc-Type:") && line.contains("ENCRYPTED");
                } else {
                    base64.append(line);
                }
            }
            if (label != null) {
                throw file.bad(file.value() + ": the " + label + " block has no -----END " + label + "-----");
            }
            return blocks;
        }
    }

    /** Presents the one certificate and key for every server handshake (this server has no client certificates). */
    private static final class OneKey extends X509ExtendedKeyManager {

        private static final String ALIAS = "server";
        private final PrivateKey key;
        private final X509Certificate[] chain;

        OneKey(PrivateKey key, X509Certificate[] chain) {
            this.key = key;
            this.chain = chain;
        }

        /** JSSE asks by key type: "RSA", "EC", "EdDSA", or for some TLS 1.2 suites "EC_RSA"-like pairs. */
        private String aliasFor(String keyType) {
            String algorithm = key.getAlgorithm();
            return keyType != null && (keyType.equals(algorithm) || keyType.startsWith(algorithm + "_")) ? ALIAS : null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return aliasFor(keyType);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return aliasFor(keyType);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return aliasFor(keyType) == null ? null : new String[] {ALIAS};
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? chain.clone() : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? key : null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
