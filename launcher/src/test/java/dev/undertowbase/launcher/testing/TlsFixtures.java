package dev.undertowbase.launcher.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The PEM certificates and keys in the launcher's src/test/resources/tls (made by its make.sh
 * with openssl): every certificate is for "localhost" and its subject names it (O=rsa, O=ec, …);
 * the key files' names say their format. The image tests get them from the launcher's test jar.
 */
public final class TlsFixtures {

    /** The self-signed certificates and the CA, which {@link #trusting()} trusts. */
    private static final List<String> CERTIFICATES =
        List.of("rsa.crt", "ec.crt", "ed25519.crt", "ca.crt", "rotated.crt", "expired.crt");

    private TlsFixtures() {
    }

    /** The fixture as a file (the launcher's own tests, which run from its classes directory). */
    public static Path path(String name) {
        URL url = TlsFixtures.class.getResource("/tls/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no TLS fixture " + name + " (see src/test/resources/tls/make.sh)");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fixture's bytes, also from inside a jar. */
    public static byte[] bytes(String name) {
        try (InputStream in = TlsFixtures.class.getResourceAsStream("/tls/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no TLS fixture " + name + " (see src/test/resources/tls/make.sh)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client context that trusts the fixtures' certificates and nothing else. */
    public static SSLContext trusting() {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (String name : CERTIFICATES) {
                try (InputStream in = TlsFixtures.class.getResourceAsStream("/tls/" + name)) {
                    trusted.setCertificateEntry(name, factory.generateCertificate(in));
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust the TLS fixtures", e);
        }
    }
}
