package dev.undertowbase.launcher.server.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.undertowbase.launcher.config.BadInput;
import dev.undertowbase.launcher.config.Sourced;
import dev.undertowbase.launcher.testing.TlsFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** README, HTTP/2 and TLS: the PEM formats TLS_CERT_FILE and TLS_KEY_FILE take, and one clear line for each bad file. */
class TlsFilesTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
        "rsa.crt,   rsa-pkcs8.key, RSA, 1, CN=localhost,O=rsa",
        "rsa.crt,   rsa-pkcs1.key, RSA, 1, CN=localhost,O=rsa",
        "ec.crt,    ec-sec1.key,   EC,  1, CN=localhost,O=ec",
        "ec.crt,    ec-pkcs8.key,  EC,  1, CN=localhost,O=ec",
        "ed25519.crt, ed25519.key, EdDSA, 1, CN=localhost,O=ed25519",
        "chain.crt, leaf.key,      EC,  2, CN=localhost,O=leaf"})
    void eachKeyFormatLoadsWithItsCertificateChain(String cert, String key, String algorithm, int chainLength,
                                                   String commonName, String organization) {
        TlsFiles.Identity identity = read(TlsFixtures.path(cert), TlsFixtures.path(key)).identity();

        assertEquals(algorithm, identity.key().getAlgorithm());
        assertEquals(chainLength, identity.chain().length);
        assertEquals(commonName + "," + organization, identity.certificate().getSubjectX500Principal().getName());
        assertNull(identity.validityProblem());
    }

    /** The fixture pair, and the error line's text after "error: " ({cert} and {key} stand for their paths). */
    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', textBlock = """
        rsa.crt       | ec-sec1.key         | TLS_KEY_FILE: {key} does not match the certificate in {cert}
        ec.crt        | rsa-pkcs1.key       | TLS_KEY_FILE: {key} does not match the certificate in {cert}
        rotated.crt   | rsa-pkcs8.key       | TLS_KEY_FILE: {key} does not match the certificate in {cert}
        rsa.crt       | encrypted-pkcs8.key | TLS_KEY_FILE: {key}: the key is encrypted; give it unencrypted (openssl pkey -in KEY -out PLAIN)
        rsa.crt       | encrypted-pkcs1.key | TLS_KEY_FILE: {key}: the key is encrypted; give it unencrypted (openssl pkey -in KEY -out PLAIN)
        rsa-pkcs8.key | rsa-pkcs8.key       | TLS_CERT_FILE: {cert} holds no PEM certificate (-----BEGIN CERTIFICATE-----)
        rsa.crt       | rsa.crt             | TLS_KEY_FILE: {key} holds no PEM private key (-----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY)
        """)
    void badPairNamesTheFileToFix(String cert, String key, String error) {
        Path certFile = TlsFixtures.path(cert);
        Path keyFile = TlsFixtures.path(key);
        TlsFiles files = read(certFile, keyFile);

        BadInput problem = assertThrows(BadInput.class, files::identity);
        assertEquals(error.replace("{cert}", certFile.toString()).replace("{key}", keyFile.toString()), problem.getMessage());
    }

    /** What the certificate file holds, and the start of the error line after "TLS_CERT_FILE: {file}" (the rest is the JDK's). */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
        '-----BEGIN CERTIFICATE-----\\nMIIB\\n'                               | : the CERTIFICATE block has no -----END CERTIFICATE-----
        '-----BEGIN CERTIFICATE-----\\nMIIB*\\n-----END CERTIFICATE-----\\n'   | : the CERTIFICATE block is not valid base64
        '-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END PRIVATE KEY-----\\n'    | :3: expected -----END CERTIFICATE-----
        '-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\\n'    | ': certificate 1 is not valid X.509: '
        'not a certificate\\n'                                                 | ' holds no PEM certificate (-----BEGIN CERTIFICATE-----)'
        """)
    void brokenCertificateFileIsNamed(String content, String error) throws IOException {
        Path cert = Files.writeString(dir.resolve("tls.crt"), content.replace("\\n", "\n"));

        BadInput problem = assertThrows(BadInput.class, () -> read(cert, TlsFixtures.path("rsa-pkcs8.key")).identity());

        assertTrue(problem.getMessage().startsWith("TLS_CERT_FILE: " + cert + error), problem.getMessage());
    }

    @Test
    void brokenKeyIsNamed() throws IOException {
        Path key = Files.writeString(dir.resolve("tls.key"), "-----BEGIN EC PRIVATE KEY-----\nMAMCAQE=\n-----END EC PRIVATE KEY-----\n");

        BadInput problem = assertThrows(BadInput.class, () -> read(TlsFixtures.path("ec.crt"), key).identity());

        assertEquals("TLS_KEY_FILE: " + key + ": the EC PRIVATE KEY is not a valid key: truncated DER",
            problem.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("missing.key");

        BadInput problem = assertThrows(BadInput.class, () -> read(TlsFixtures.path("rsa.crt"), missing));

        assertEquals("TLS_KEY_FILE: " + missing + " does not exist", problem.getMessage());
    }

    /** openssl x509 -text writes the decoded certificate before the PEM; Windows editors end lines in CRLF. */
    @Test
    void textAroundTheBlocksAndCrlfLineEndsAreAccepted() throws IOException {
        String pem = Files.readString(TlsFixtures.path("rsa.crt"));
        Path cert = Files.writeString(dir.resolve("tls.crt"),
            ("Certificate:\n    Data:\n        Version: 3 (0x2)\n" + pem + "trailing words\n").replace("\n", "\r\n"));

        assertEquals(1, read(cert, TlsFixtures.path("rsa-pkcs1.key")).identity().chain().length);
    }

    @Test
    void expiredCertificateLoadsAndSaysSo() {
        TlsFiles.Identity identity = read(TlsFixtures.path("expired.crt"), TlsFixtures.path("rsa-pkcs8.key")).identity();

        assertEquals("expired on 2020-01-02T00:00:00Z", identity.validityProblem());
    }

    @Test
    void sameContentIsNoChange() throws IOException {
        Path cert = Files.copy(TlsFixtures.path("rsa.crt"), dir.resolve("tls.crt"));
        Path key = Files.copy(TlsFixtures.path("rsa-pkcs8.key"), dir.resolve("tls.key"));
        TlsFiles before = read(cert, key);
        Files.setLastModifiedTime(cert, FileTime.from(Instant.now().plusSeconds(60)));
        TlsFiles touched = read(cert, key);
        Files.copy(TlsFixtures.path("rsa-pkcs1.key"), key, StandardCopyOption.REPLACE_EXISTING);

        assertTrue(touched.sameAs(before), "a new modification time alone is no change");
        assertFalse(read(cert, key).sameAs(before), "the same key in another format is a change");
    }

    private static TlsFiles read(Path cert, Path key) {
        return TlsFiles.read(new Sourced<>(cert, "TLS_CERT_FILE"), new Sourced<>(key, "TLS_KEY_FILE"));
    }
}
