package dev.undertowbase.launcher.server.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.undertowbase.launcher.testing.LocalServer;
import dev.undertowbase.launcher.testing.RawHttp;
import io.undertow.Handlers;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** README, Request limits: strict HTTP/1.1 framing, and the head limits with their status codes. */
class RequestFramingTest {

    /** A request the app must never see: it hides behind a body whose framing is in doubt. */
    private static final String HIDDEN = "GET /hidden HTTP/1.1\r\nHost: localhost\r\n\r\n";

    @TempDir
    Path appDir;

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private LocalServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(String... env) {
        server = LocalServer.start(appDir, new BlockingHandler(exchange -> {
            String body = new String(exchange.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            seen.add(exchange.getRequestPath());
            exchange.getResponseSender().send(exchange.getRequestPath() + " " + body);
        }), env);
    }

    /** Sends the bytes, returns everything the server answered before closing. */
    private String exchange(String request) throws Exception {
        try (RawHttp client = RawHttp.connect(server.port())) {
            return client.send(request).readUntilClosed();
        }
    }

    private void assertRejected(int status, String request) throws Exception {
        String answer = exchange(request);
        assertEquals(List.of(status), RawHttp.statuses(answer), answer);
        assertTrue(answer.contains("Connection: close"), answer);
        assertFalse(seen.contains("/hidden"), "the app never sees the request behind it");
    }

    @ParameterizedTest(name = "Transfer-Encoding: {0}")
    @ValueSource(strings = {"xchunked", "notchunked", "chunked, identity", "identity", "gzip, chunked", "chunked, chunked"})
    void transferEncodingOtherThanChunkedIsRejected(String coding) throws Exception {
        start();
        assertRejected(400, "POST /smuggle HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: " + coding
            + "\r\n\r\n5\r\nhello\r\n0\r\n\r\n" + HIDDEN);
        assertTrue(seen.isEmpty(), "the app saw " + seen);
    }

    @Test
    void foldedTransferEncodingIsRejected() throws Exception {
        start();
        assertRejected(400, "POST /smuggle HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding:\r\n chunked\r\n\r\n"
            + "5\r\nhello\r\n0\r\n\r\n" + HIDDEN);
    }

    @Test
    void obsoleteLineFoldingIsRejected() throws Exception {
        start();
        assertRejected(400, "GET / HTTP/1.1\r\nHost: localhost\r\nX-Long: part one\r\n\tpart two\r\n\r\n");
    }

    @Test
    void bareLfChunkFramingIsRejected() throws Exception {
        start();
        assertRejected(400, "POST /smuggle HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\nhello\n0\n\n" + HIDDEN);
    }

    @Test
    void malformedChunkSizeIsRejected() throws Exception {
        start();
        assertRejected(400, "POST /smuggle HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "zz\r\nhello\r\n0\r\n\r\n" + HIDDEN);
    }

    @Test
    void chunkDataNotEndedByCrLfIsRejected() throws Exception {
        start();
        assertRejected(400, "POST /smuggle HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\nhelloXX\r\n0\r\n\r\n" + HIDDEN);
    }

    @Test
    void contentLengthWithTransferEncodingIsRejected() throws Exception {
        start();
        assertRejected(400, "POST /smuggle HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n" + HIDDEN);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Content-Length: 5\r\nContent-Length: 5", "Content-Length: 5, 5", "Content-Length: +5",
        "Content-Length: 5x"})
    void contentLengthThatIsNotOneNumberIsRejected(String header) throws Exception {
        start();
        assertRejected(400, "POST /smuggle HTTP/1.1\r\nHost: localhost\r\n" + header + "\r\n\r\nhello" + HIDDEN);
    }

    @Test
    void malformedTrailersAreRejected() throws Exception {
        start();
        assertRejected(400, "POST /smuggle HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\nhello\r\n0\r\nX-Trailer: 1\r\n\rX" + HIDDEN);
    }

    @Test
    void anUpgradeHeaderTheHandlerDoesNotAcceptLeavesTheChecksOn() throws Exception {
        start();
        String answer = exchange("GET /first HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
            + "POST /smuggle HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: xchunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n" + HIDDEN);
        assertEquals(List.of(200, 400), RawHttp.statuses(answer), answer);
        assertEquals(List.of("/first"), seen);
    }

    @Test
    void anAcceptedWebSocketUpgradeSpeaksWebSocketThroughTheChecks() throws Exception {
        server = LocalServer.start(appDir, Handlers.websocket((exchange, channel) -> {
            channel.getReceiveSetter().set(new AbstractReceiveListener() {
                @Override
                protected void onFullTextMessage(WebSocketChannel channel, BufferedTextMessage message) {
                    WebSockets.sendText("echo " + message.getData(), channel, null);
                }
            });
            channel.resumeReceives();
        }));
        CompletableFuture<String> echoed = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    echoed.complete(data.toString());
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
        socket.sendText("hello", true);
        assertEquals("echo hello", echoed.get(10, TimeUnit.SECONDS));
        socket.abort();
    }

    @Test
    void theBadBodyIsRejectedEvenWhenTheHeadCameFirst() throws Exception {
        start();
        try (RawHttp client = RawHttp.connect(server.port())) {
            client.send("POST /late HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n");
            client.readFor(Duration.ofMillis(200));
            String answer = client.send("5\nhello\n0\n\n" + HIDDEN).readUntilClosed();
            assertFalse(answer.contains("200"), "no success for a body that never arrived whole: " + answer);
        }
        assertTrue(server.accessLine("POST /late").contains("\" 400 "), server.accessLog());
        assertFalse(seen.contains("/hidden"));
    }

    @Test
    void validChunkedBodyWithExtensionsAndTrailersAndAPipelinedRequestAreServed() throws Exception {
        start();
        try (RawHttp client = RawHttp.connect(server.port())) {
            String answer = client.send("POST /chunked HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: Chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: yes\r\n\r\n"
                + "GET /next HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").readUntilClosed();
            assertEquals(List.of(200, 200), RawHttp.statuses(answer), answer);
            assertTrue(answer.contains("/chunked hello world"), answer);
            assertTrue(answer.contains("/next "), answer);
        }
    }

    @Test
    void pipelinedRequestsWithContentLengthBodiesAreServed() throws Exception {
        start();
        String answer = exchange("POST /one HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n\r\nabc"
            + "POST /two HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n"
            + "GET /three HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertEquals(List.of(200, 200, 200), RawHttp.statuses(answer), answer);
        assertEquals(List.of("/one", "/two", "/three"), seen);
    }

    @Test
    void headOverMaxHeaderSizeGets431() throws Exception {
        start("MAX_HEADER_SIZE", "2k");
        assertRejected(431, "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(3000) + "\r\n\r\n");
    }

    @Test
    void requestLineOverMaxHeaderSizeGets414() throws Exception {
        start("MAX_HEADER_SIZE", "2k");
        assertRejected(414, "GET /" + "a".repeat(3000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
    }

    @Test
    void headJustUnderMaxHeaderSizeIsServed() throws Exception {
        start("MAX_HEADER_SIZE", "2k");
        String head = "GET /fits HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-Big: ";
        String answer = exchange(head + "a".repeat(2048 - head.length() - 4) + "\r\n\r\n");
        assertEquals(List.of(200), RawHttp.statuses(answer), answer);
    }

    @Test
    void moreFieldsThanMaxHeadersGet431() throws Exception {
        start("MAX_HEADERS", "10");
        assertRejected(431, "GET / HTTP/1.1\r\nHost: localhost\r\n" + "X-A: 1\r\n".repeat(10) + "\r\n");
        String answer = exchange("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + "X-A: 1\r\n".repeat(8) + "\r\n");
        assertEquals(List.of(200), RawHttp.statuses(answer), answer);
    }

    /** The parser already holds the start of the head: the answer must still be 431, not a plain 400. */
    @Test
    void headThatGrowsOverTheLimitAcrossReadsGets431() throws Exception {
        start("MAX_HEADER_SIZE", "4k");
        try (RawHttp client = RawHttp.connect(server.port())) {
            client.send("GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(2000));
            client.readFor(Duration.ofMillis(200));
            String answer = client.send("b".repeat(4000) + "\r\n\r\n").readUntilClosed();
            assertEquals(List.of(431), RawHttp.statuses(answer), answer);
        }
    }

    @Test
    void rejectionsAreInTheAccessLog() throws Exception {
        start("MAX_HEADER_SIZE", "2k");
        exchange("GET /big HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(3000) + "\r\n\r\n");
        assertTrue(server.accessLine("GET /big").contains("\" 431 "), server.accessLog());
    }

    @Test
    void rejectionsAreCountedAtDebugLevel() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(RequestFraming.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.DEBUG);
        try {
            start("MAX_HEADER_SIZE", "2k");
            for (int i = 0; i < 3; i++) {
                exchange("GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(3000) + "\r\n\r\n");
            }
            exchange("GET / HTTP/1.1\r\nHost: localhost\r\nX-Folded: a\r\n b\r\n\r\n");
            server.close();
            server = null;

            Pattern count = Pattern.compile("(\\d+) request head larger than MAX_HEADER_SIZE: (\\d+)");
            List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertEquals(3, messages.stream().flatMap(m -> count.matcher(m).results())
                .mapToInt(m -> Integer.parseInt(m.group(2))).sum(), messages.toString());
            assertTrue(messages.stream().anyMatch(m -> m.contains("400 obsolete line folding in the head: 1")), messages.toString());
            assertTrue(messages.size() <= 2, "one line per interval, and one at close: " + messages);
        } finally {
            logger.detachAppender(lines);
            logger.setLevel(null);
        }
    }
}
