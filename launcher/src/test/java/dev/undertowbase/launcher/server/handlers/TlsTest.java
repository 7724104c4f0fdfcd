package dev.undertowbase.launcher.server.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.undertowbase.launcher.config.ServerConfig;
import dev.undertowbase.launcher.config.Tuning;
import dev.undertowbase.launcher.server.HandlerChain;
import dev.undertowbase.launcher.server.Server;
import dev.undertowbase.launcher.testing.Https;
import dev.undertowbase.launcher.testing.Poll;
import dev.undertowbase.launcher.testing.TestEnv;
import dev.undertowbase.launcher.testing.LocalServer;
import dev.undertowbase.launcher.testing.TlsFixtures;
import io.undertow.server.HttpHandler;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** README, HTTP/2 and TLS: an HTTPS listener from PEM files, with ALPN, that picks up rotated files without a restart. */
class TlsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** A poll interval that never comes within a test. */
    private static final Duration NEVER = Duration.ofHours(1);
    private static final HttpHandler HELLO = exchange -> exchange.getResponseSender().send("hello over " + exchange.getProtocol());

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger tlsLog = (Logger) LoggerFactory.getLogger(Tls.class);
    private LocalServer testServer;
    private Server server;
    private Tls tls;

    @BeforeEach
    void captureLog() {
        logged.start();
        tlsLog.addAppender(logged);
    }

    @AfterEach
    void stop() {
        tlsLog.detachAppender(logged);
        if (testServer != null) {
            testServer.close();
        }
        if (server != null) {
            server.stop(Duration.ZERO);
        }
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
        "rsa.crt,   rsa-pkcs8.key, O=rsa,  1",
        "rsa.crt,   rsa-pkcs1.key, O=rsa,  1",
        "ec.crt,    ec-sec1.key,   O=ec,   1",
        "ec.crt,    ec-pkcs8.key,  O=ec,   1",
        "ed25519.crt, ed25519.key, O=ed25519, 1",
        "chain.crt, leaf.key,      O=leaf, 2"})
    void eachKeyFormatIsServedOverHttp2AndHttp11(String cert, String key, String organization, int chainLength) throws Exception {
        testServer = LocalServer.start(dir, HELLO,
            "TLS_CERT_FILE", TlsFixtures.path(cert).toString(), "TLS_KEY_FILE", TlsFixtures.path(key).toString());

        HttpResponse<String> http2 = Https.get(testServer.server().port(), "/", HttpClient.Version.HTTP_2);
        HttpResponse<String> http11 = Https.get(testServer.server().port(), "/", HttpClient.Version.HTTP_1_1);

        assertEquals(200, http2.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, http2.version(), "ALPN chose h2");
        assertEquals("hello over HTTP/2.0", http2.body());
        assertEquals(HttpClient.Version.HTTP_1_1, http11.version());
        assertEquals("CN=localhost," + organization, Https.subject(http2));
        assertEquals(chainLength, http2.sslSession().orElseThrow().getPeerCertificates().length, "the chain is sent");
        assertTrue(testServer.server().url().startsWith("https://127.0.0.1:"), testServer.server().url());
    }

    @Test
    void http2FalseOffersOnlyHttp11OverTls() throws Exception {
        testServer = LocalServer.start(dir, HELLO, "HTTP2", "false",
            "TLS_CERT_FILE", TlsFixtures.path("rsa.crt").toString(), "TLS_KEY_FILE", TlsFixtures.path("rsa-pkcs8.key").toString());

        HttpResponse<String> response = Https.get(testServer.server().port(), "/", HttpClient.Version.HTTP_2);

        assertEquals(HttpClient.Version.HTTP_1_1, response.version());
        assertEquals("hello over HTTP/1.1", response.body());
    }

    @Test
    void rotatedCertificateIsServedToNewConnections() throws Exception {
        startWith("rsa.crt", "rsa-pkcs8.key");

        install("rotated.crt", "rotated.key");
        tls.reload();

        assertEquals("CN=localhost,O=rotated", Https.subject(Https.get(server.port(), "/", HttpClient.Version.HTTP_2)));
        String reloaded = "TLS certificate reloaded from " + dir.resolve("tls.crt") + ": CN=localhost,O=rotated, expires 2126-";
        assertTrue(logLines(Level.INFO).stream().anyMatch(line -> line.startsWith(reloaded)), logLines(Level.INFO).toString());
    }

    /** The poller itself, not a test's call, picks the change up (README: within POLL seconds). */
    @Test
    void rotationIsPickedUpWithoutBeingAsked() throws Exception {
        install("rsa.crt", "rsa-pkcs8.key");
        start(Tls.POLL);

        install("ec.crt", "ec-sec1.key");

        Poll.until(Tls.POLL.multipliedBy(3), () -> "the EC certificate served",
            () -> subjectNow().equals("CN=localhost,O=ec"));
    }

    /**
     * A Kubernetes Secret volume: tls.crt and tls.key link to ..data/, and ..data links to a
     * timestamped directory; an update writes a new directory and swaps the ..data link.
     */
    @Test
    void secretVolumeSymlinkSwapIsSeen() throws Exception {
        Path first = Files.createDirectory(dir.resolve("..2026_01"));
        Files.copy(TlsFixtures.path("rsa.crt"), first.resolve("tls.crt"));
        Files.copy(TlsFixtures.path("rsa-pkcs8.key"), first.resolve("tls.key"));
        Files.createSymbolicLink(dir.resolve("..data"), first.getFileName());
        Files.createSymbolicLink(dir.resolve("tls.crt"), Path.of("..data/tls.crt"));
        Files.createSymbolicLink(dir.resolve("tls.key"), Path.of("..data/tls.key"));
        start(NEVER);

        Path second = Files.createDirectory(dir.resolve("..2026_02"));
        Files.copy(TlsFixtures.path("ec.crt"), second.resolve("tls.crt"));
        Files.copy(TlsFixtures.path("ec-pkcs8.key"), second.resolve("tls.key"));
        Files.createSymbolicLink(dir.resolve("..data_tmp"), second.getFileName());
        Files.move(dir.resolve("..data_tmp"), dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
        tls.reload();

        assertEquals("CN=localhost,O=ec", subjectNow());
    }

    @Test
    void badRotatedFileKeepsTheOldCertificateAndLogsOneError() throws Exception {
        startWith("rsa.crt", "rsa-pkcs8.key");

        Files.writeString(dir.resolve("tls.key"), "not a key\n");
        for (int poll = 0; poll < 5; poll++) {
            tls.reload();
        }

        assertEquals("CN=localhost,O=rsa", subjectNow());
        assertEquals(List.of("TLS_KEY_FILE: " + dir.resolve("tls.key") + " holds no PEM private key (-----BEGIN PRIVATE KEY-----,"
            + " RSA PRIVATE KEY or EC PRIVATE KEY); still serving the previous certificate"), logLines(Level.ERROR));
    }

    /** A rotation that writes the certificate, then the key, is seen half-done by one poll: no error for that. */
    @Test
    void certificateAndKeyWrittenOneAfterTheOtherAreNoError() throws Exception {
        startWith("rsa.crt", "rsa-pkcs8.key");

        Files.copy(TlsFixtures.path("rotated.crt"), dir.resolve("tls.crt"), StandardCopyOption.REPLACE_EXISTING);
        tls.reload();
        Files.copy(TlsFixtures.path("rotated.key"), dir.resolve("tls.key"), StandardCopyOption.REPLACE_EXISTING);
        tls.reload();

        assertEquals("CN=localhost,O=rotated", subjectNow());
        assertEquals(List.of(), logLines(Level.ERROR));
    }

    @Test
    void expiredCertificateIsServedWithAWarning() throws Exception {
        startWith("expired.crt", "rsa-pkcs8.key");

        assertEquals(List.of("TLS_CERT_FILE: " + dir.resolve("tls.crt") + ": the certificate expired on 2020-01-02T00:00:00Z;"
            + " clients will refuse it"), logLines(Level.WARN));
    }

    /**
     * Copies fixtures to tls.crt and tls.key in the test directory and serves them, with a Tls
     * that the test polls: its own poller never runs between two steps.
     */
    private void startWith(String cert, String key) throws IOException {
        install(cert, key);
        start(NEVER);
    }

    private void start(Duration poll) {
        ServerConfig config = TestEnv.load(dir, "HOST", "127.0.0.1", "PORT", "0",
            "TLS_CERT_FILE", dir.resolve("tls.crt").toString(), "TLS_KEY_FILE", dir.resolve("tls.key").toString());
        tls = Tls.open(config.protocols(), poll);
        server = Server.start(config.listen(), Tuning.of(config.threads(), 2), new HandlerChain(List.of(new Http2(false), tls)), HELLO);
    }

    private void install(String cert, String key) throws IOException {
        Files.copy(TlsFixtures.path(cert), dir.resolve("tls.crt"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(TlsFixtures.path(key), dir.resolve("tls.key"), StandardCopyOption.REPLACE_EXISTING);
    }

    private List<String> logLines(Level level) {
        return logged.list.stream().filter(event -> event.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** The subject of the certificate a new connection gets. */
    private String subjectNow() {
        return Https.subject(Https.get(server.port(), "/", HttpClient.Version.HTTP_2));
    }
}
