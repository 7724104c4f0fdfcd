package dev.undertowbase.launcher.testing;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * The PEM certificates and keys in src/test/resources/tls (made by its make.sh with openssl): every
 * certificate is for "localhost"; the file names say the key format.
 */
public final class TlsFixtures {

    private TlsFixtures() {
    }

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
}
