package dev.undertowbase.launcher.server.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.undertowbase.launcher.testing.H2c;
import dev.undertowbase.launcher.testing.Poll;
import dev.undertowbase.launcher.testing.LocalServer;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.BlockingHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README, HTTP/2 and TLS: h2c by prior knowledge and by Upgrade, on by default, with its DoS limits. */
class Http2Test {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final HttpHandler HELLO = exchange -> exchange.getResponseSender().send("hello over " + exchange.getProtocol());
    private static final int ENHANCE_YOUR_CALM = 0xb;
    private static final int PRIORITY = 0x2;

    @TempDir
    Path appDir;

    private final HttpClient http2Client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).connectTimeout(PATIENCE).build();
    private LocalServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void priorKnowledgeIsAnsweredInHttp2() throws Exception {
        server = LocalServer.start(appDir, HELLO);

        try (H2c connection = H2c.open(port(), PATIENCE)) {
            connection.get(1, "/");
            H2c.Frame headers = connection.readUntil("the response headers", frame -> frame.type() == H2c.HEADERS);
            H2c.Frame data = connection.readUntil("the response body", frame -> frame.type() == H2c.DATA);

            assertEquals(200, headers.status());
            assertEquals("hello over HTTP/2.0", new String(data.payload(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void upgradeSwitchesToHttp2() throws Exception {
        server = LocalServer.start(appDir, HELLO);

        HttpResponse<String> response = get(http2Client, "/");

        assertEquals(HttpClient.Version.HTTP_2, response.version());
        assertEquals(200, response.statusCode());
        assertEquals("hello over HTTP/2.0", response.body());
    }

    /** The upgraded connection's later requests enter the chain behind the upgrade handler: they must still pass every feature. */
    @Test
    void everyRequestOfAnUpgradedConnectionIsAccessLogged() throws Exception {
        server = LocalServer.start(appDir, HELLO);

        get(http2Client, "/first");
        get(http2Client, "/second");

        Poll.until(PATIENCE, () -> "two HTTP/2 access log lines in " + server.accessLog(),
            () -> server.accessLog().contains("\"GET /first HTTP/2.0\" 200") && server.accessLog().contains("\"GET /second HTTP/2.0\" 200"));
    }

    @Test
    void serverAdvertisesItsLimits() throws Exception {
        server = LocalServer.start(appDir, HELLO);

        try (H2c connection = H2c.open(port(), PATIENCE)) {
            H2c.Frame settings = connection.readUntil("the server's SETTINGS",
                frame -> frame.type() == H2c.SETTINGS && frame.flags() == 0);

            assertEquals(Http2.MAX_CONCURRENT_STREAMS, settings.settings().get(0x3), "SETTINGS_MAX_CONCURRENT_STREAMS");
            assertEquals(20_000, settings.settings().get(0x6), "SETTINGS_MAX_HEADER_LIST_SIZE (README)");
        }
    }

    /** Undertow advertises the limit but would run any number of streams; beyond it they get 503 at once. */
    @Test
    void streamsBeyondTheAdvertisedLimitAreAnswered503() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger entered = new AtomicInteger();
        server = LocalServer.start(appDir, exchange -> {
            if (exchange.getRequestPath().equals("/held")) {
                entered.incrementAndGet();
                exchange.dispatch(() -> {
                    awaitQuietly(release);
                    exchange.getResponseSender().send("released");
                });
                return;
            }
            exchange.getResponseSender().send("quick");
        });

        try (H2c connection = H2c.open(port(), PATIENCE)) {
            int beyond = 2 * Http2.MAX_CONCURRENT_STREAMS + 1;
            for (int stream = 1; stream <= beyond; stream += 2) {
                connection.get(stream, "/held");
            }
            H2c.Frame refused = connection.readUntil("a response", frame -> frame.type() == H2c.HEADERS);
            assertEquals(beyond, refused.stream(), "the one stream beyond the limit is answered first");
            assertEquals(503, refused.status());
            assertEquals(Http2.MAX_CONCURRENT_STREAMS, entered.get());

            release.countDown();
            for (int answered = 0; answered < Http2.MAX_CONCURRENT_STREAMS; answered++) {
                assertEquals(200, connection.readUntil("the held responses", frame -> frame.type() == H2c.HEADERS).status());
            }
            connection.get(beyond + 2, "/");
            assertEquals(200, connection.readUntil("a response after the held ones", frame -> frame.type() == H2c.HEADERS).status(),
                "the finished streams no longer count");
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void http2FalseServesHttp11Only() throws Exception {
        server = LocalServer.start(appDir, HELLO, "HTTP2", "false");

        HttpResponse<String> upgrade = get(http2Client, "/");
        String priorKnowledge = sendPreface(port());

        assertEquals(HttpClient.Version.HTTP_1_1, upgrade.version());
        assertEquals("hello over HTTP/1.1", upgrade.body());
        assertTrue(priorKnowledge.startsWith("HTTP/1.1 400"), priorKnowledge);
    }

    /** Rapid Reset (CVE-2023-44487): a client opening and cancelling streams without end. */
    @Test
    void floodOfClientResetsEndsTheConnection() throws Exception {
        server = LocalServer.start(appDir, HELLO);

        try (H2c connection = H2c.open(port(), PATIENCE)) {
            for (int i = 0; i <= Http2.MAX_RESETS; i++) {
                connection.get(2 * i + 1, "/");
                connection.reset(2 * i + 1);
            }

            H2c.Frame goAway = connection.readUntil("a GOAWAY", frame -> frame.type() == H2c.GOAWAY);
            assertEquals(ENHANCE_YOUR_CALM, goAway.errorCode());
            assertTrue(connection.closedWithin(10_000), "the server closes the connection");
        }
    }

    /** MadeYouReset (CVE-2025-9784): a client making the server reset stream after stream (here: a stream depending on itself). */
    @Test
    void floodOfProvokedServerResetsEndsTheConnection() throws Exception {
        server = LocalServer.start(appDir, HELLO);

        try (H2c connection = H2c.open(port(), PATIENCE)) {
            for (int i = 0; i <= Http2.MAX_RESETS; i++) {
                int stream = 2 * i + 1;
                connection.frame(PRIORITY, 0, stream, ByteBuffer.allocate(5).putInt(stream).put((byte) 16).array());
            }

            H2c.Frame goAway = connection.readUntil("a GOAWAY", frame -> frame.type() == H2c.GOAWAY);
            assertEquals(ENHANCE_YOUR_CALM, goAway.errorCode());
            assertTrue(connection.closedWithin(Http2.MAX_RESETS), "the server closes the connection");
        }
    }

    @Test
    void gracefulStopLetsAnInFlightHttp2RequestFinishAndClosesIdleHttp2Connections() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server = LocalServer.start(appDir, new BlockingHandler(exchange -> {
            if (exchange.getRequestPath().equals("/slow")) {
                entered.countDown();
                release.await();
            }
            exchange.getOutputStream().write("done".getBytes(StandardCharsets.UTF_8));
        }));
        assertEquals(HttpClient.Version.HTTP_2, get(http2Client, "/").version());
        CompletableFuture<HttpResponse<String>> slow = http2Client.sendAsync(request("/slow"), HttpResponse.BodyHandlers.ofString());
        assertTrue(entered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the request reached the handler");

        try (H2c idle = H2c.open(port(), PATIENCE)) {
            idle.get(1, "/");
            idle.readUntil("an answer", frame -> frame.type() == H2c.DATA);
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.server().stop(PATIENCE));
            Poll.until(PATIENCE, () -> "new connections refused while draining", () -> LocalServer.refused(port()));
            HttpResponse<String> late = get(http2Client, "/late");
            assertEquals(503, late.statusCode(), "a new stream on an open HTTP/2 connection while draining");
            assertEquals(HttpClient.Version.HTTP_2, late.version());
            assertFalse(stopping.isDone(), "stop waits for the in-flight HTTP/2 request");
            release.countDown();

            HttpResponse<String> response = slow.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(HttpClient.Version.HTTP_2, response.version());
            assertEquals("done", response.body());
            stopping.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertTrue(idle.closedWithin(100), "the idle HTTP/2 connection is closed");
        }
        server = null;
    }

    private int port() {
        return server.server().port();
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).timeout(PATIENCE).build();
    }

    private HttpResponse<String> get(HttpClient client, String path) throws IOException, InterruptedException {
        return client.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the HTTP/2 preface and returns what the server answers before it closes. */
    private static String sendPreface(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) PATIENCE.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
