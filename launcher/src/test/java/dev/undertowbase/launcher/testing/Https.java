package dev.undertowbase.launcher.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * GETs over TLS to https://localhost:PORT, trusting the {@link TlsFixtures}, each on a new
 * connection (a new client), so that every one shows the certificate the server presents now.
 */
public final class Https {

    private static final SSLContext TRUST = TlsFixtures.trusting();

    private Https() {
    }

    public static HttpResponse<String> get(int port, String path, HttpClient.Version version) {
        try (HttpClient client = HttpClient.newBuilder().version(version).sslContext(TRUST)
                .connectTimeout(Duration.ofSeconds(10)).build()) {
            return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET https://localhost:" + port + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during GET https://localhost:" + port + path, e);
        }
    }

    /** The subject of the certificate the server presented, e.g. "CN=localhost,O=rsa". */
    public static String subject(HttpResponse<?> response) {
        try {
            return ((X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0])
                .getSubjectX500Principal().getName();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
