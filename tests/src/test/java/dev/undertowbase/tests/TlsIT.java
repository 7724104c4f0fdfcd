package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.undertowbase.launcher.testing.Https;
import dev.undertowbase.launcher.testing.Poll;
import dev.undertowbase.launcher.testing.TlsFixtures;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/**
 * README, HTTP/2 and TLS: TLS_CERT_FILE and TLS_KEY_FILE make the listener HTTPS with ALPN h2;
 * each PEM key format serves; a rotated pair is served within 10 s without a restart, and a bad
 * one keeps the old certificate with one error line.
 */
@EveryTag
class TlsIT {

    /** README: a rotated certificate is served within this time. */
    private static final Duration ROTATION = Duration.ofSeconds(10);

    @Parameter
    String tag;

    @Test
    void eachKeyFormatServesHttp2AndRotatesWithoutARestart() {
        try (Server server = ImageRun.of(tag).app(TestApps.jarApp(TestApps.HELLO))
                .file("/tls/tls.crt", TlsFixtures.bytes("rsa.crt")).file("/tls/tls.key", TlsFixtures.bytes("rsa-pkcs8.key"))
                .env("TLS_CERT_FILE", "/tls/tls.crt").env("TLS_KEY_FILE", "/tls/tls.key")
                .startUnchecked()) {
            server.awaitStderr("Listening on https://0.0.0.0:8080");
            int port = server.mappedPort();

            HttpResponse<String> pkcs8 = Https.get(port, "/", HttpClient.Version.HTTP_2);
            assertEquals(200, pkcs8.statusCode());
            assertEquals(HttpClient.Version.HTTP_2, pkcs8.version(), "ALPN chose h2");
            assertEquals("CN=localhost,O=rsa", Https.subject(pkcs8), "the PKCS#8 key's certificate");
            assertEquals(HttpClient.Version.HTTP_1_1, Https.get(port, "/", HttpClient.Version.HTTP_1_1).version());
            assertEquals("/tls/tls.crt", server.config().get("tls_cert_file").asText());

            rotate(server, "ec.crt", "ec-sec1.key", "CN=localhost,O=ec");
            rotate(server, "rotated.crt", "rotated.key", "CN=localhost,O=rotated");

            server.copy("/tls/tls.key", "not a key\n".getBytes());
            server.awaitStderr("still serving the previous certificate");
            assertEquals("CN=localhost,O=rotated", Https.subject(Https.get(port, "/", HttpClient.Version.HTTP_2)));
            assertEquals(1, server.stderr().lines().filter(line -> line.contains("ERROR")).count(), server::logs);
        }
    }

    /** Copies a new certificate and key over the served ones; polls until new connections get it, over HTTP/2. */
    private static void rotate(Server server, String cert, String key, String subject) {
        server.copy("/tls/tls.crt", TlsFixtures.bytes(cert));
        server.copy("/tls/tls.key", TlsFixtures.bytes(key));
        Poll.until(ROTATION, () -> subject + " served over HTTP/2 (" + key + "); " + server.logs(), () -> {
            HttpResponse<String> response = Https.get(server.mappedPort(), "/", HttpClient.Version.HTTP_2);
            return response.version() == HttpClient.Version.HTTP_2 && Https.subject(response).equals(subject);
        });
    }

    @Test
    void missingCertificateFileStopsTheStart() {
        Exit exit = ImageRun.of(tag).app(TestApps.jarApp(TestApps.HELLO))
                .file("/tls/tls.key", TlsFixtures.bytes("rsa-pkcs8.key"))
                .env("TLS_CERT_FILE", "/tls/tls.crt").env("TLS_KEY_FILE", "/tls/tls.key").run();

        Rejections.assertRejected(exit, "error: TLS_CERT_FILE: /tls/tls.crt does not exist");
    }
}
