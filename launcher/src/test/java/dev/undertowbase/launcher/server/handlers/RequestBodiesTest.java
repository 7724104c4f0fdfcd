package dev.undertowbase.launcher.server.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.undertowbase.launcher.server.HandlerChain;
import dev.undertowbase.launcher.testing.LocalServer;
import dev.undertowbase.launcher.testing.Poll;
import dev.undertowbase.launcher.testing.RawHttp;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.form.FormDataParser;
import io.undertow.server.handlers.form.FormParserFactory;
import io.undertow.server.handlers.BlockingHandler;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** README, Request limits: MAX_BODY_SIZE, the budget of bodies in progress, and TIMEOUT for a stalled body. */
class RequestBodiesTest {

    private static final long MIB = 1 << 20;

    /** Undertow's buffering API (allocates the declared length), the blocking stream, a streaming handler. */
    private static final HttpHandler FULL = exchange -> exchange.getRequestReceiver().receiveFullBytes(
        (ex, body) -> ex.getResponseSender().send("full " + body.length));
    private static final HttpHandler STREAM = new BlockingHandler(exchange ->
        exchange.getResponseSender().send("stream " + exchange.getInputStream().readAllBytes().length));
    private static final HttpHandler STREAMS_ITS_OWN_WAY = new BlockingHandler(exchange -> {
        exchange.setMaxEntitySize(-1);
        long total = 0;
        byte[] buffer = new byte[8192];
        for (int n = exchange.getInputStream().read(buffer); n >= 0; n = exchange.getInputStream().read(buffer)) {
            total += n;
        }
        exchange.getResponseSender().send("streamed " + total);
    });
    /** Undertow's non-blocking form parser. */
    private static final HttpHandler FORM = exchange -> FormParserFactory.builder().build().createParser(exchange)
        .parse(ex -> ex.getResponseSender().send("form " + ex.getAttachment(FormDataParser.FORM_DATA).getFirst("a").getValue()));

    /** Requests to /full that have started reading their body. */
    private final AtomicInteger fullReads = new AtomicInteger();
    private final HttpHandler routes = exchange -> {
        switch (exchange.getRequestPath()) {
            case "/full" -> {
                FULL.handleRequest(exchange);
                fullReads.incrementAndGet();
            }
            case "/stream" -> STREAM.handleRequest(exchange);
            case "/own" -> STREAMS_ITS_OWN_WAY.handleRequest(exchange);
            case "/form" -> FORM.handleRequest(exchange);
            default -> exchange.getResponseSender().send("ignored the body");
        }
    };

    @TempDir
    Path appDir;

    private LocalServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(String... env) {
        server = LocalServer.start(appDir, routes, env);
    }

    /** The server's features as they would be on a JVM with a heap of {@code heapMib}. */
    private void startWithHeap(long heapMib, String... env) {
        server = LocalServer.start(appDir, routes, (config, stdout) -> new HandlerChain(List.of(
            new RequestFraming(config.limits()),
            new RequestBodies(config.limits(), config.timeouts(), heapMib * MIB))), env);
    }

    private static String post(String path, String framing) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" + framing + "\r\n\r\n";
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/full", "/stream"})
    void declaredLengthOverTheLimitGets413BeforeTheBodyIsSent(String path) throws Exception {
        start("MAX_BODY_SIZE", "1m");
        try (RawHttp client = RawHttp.connect(server.port())) {
            String answer = client.send(post(path, "Content-Length: 200000000") + "abc").readUntilClosed();
            assertEquals(List.of(413), RawHttp.statuses(answer), answer);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/full", "/stream", "/form"})
    void chunkedBodyOverTheLimitGets413(String path) throws Exception {
        start("MAX_BODY_SIZE", "100k");
        try (RawHttp client = RawHttp.connect(server.port())) {
            StringBuilder body = new StringBuilder(post(path,
                "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked"));
            for (int i = 0; i < 30; i++) {
                body.append("1000\r\n").append("x".repeat(4096)).append("\r\n");
            }
            String answer = client.send(body.append("0\r\n\r\n").toString()).readUntilClosed();
            assertEquals(List.of(413), RawHttp.statuses(answer), answer);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/full", "/stream"})
    void bodyWithinTheLimitIsRead(String path) throws Exception {
        start("MAX_BODY_SIZE", "100k");
        try (RawHttp client = RawHttp.connect(server.port())) {
            String answer = client.send(post(path, "Content-Length: 102400\r\nConnection: close") + "x".repeat(102400))
                .readUntilClosed();
            assertEquals(List.of(200), RawHttp.statuses(answer), answer);
            assertTrue(answer.endsWith(" 102400"), answer);
        }
    }

    @Test
    void formParsingObeysTheLimitAndReadsWithinIt() throws Exception {
        start("MAX_BODY_SIZE", "1k");
        try (RawHttp client = RawHttp.connect(server.port())) {
            String answer = client.send(post("/form", "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000")
                + "a=" + "b".repeat(4998)).readUntilClosed();
            assertEquals(List.of(413), RawHttp.statuses(answer), answer);
        }
        try (RawHttp client = RawHttp.connect(server.port())) {
            String answer = client.send(post("/form", "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 5"
                + "\r\nConnection: close") + "a=bcd").readUntilClosed();
            assertEquals(List.of(200), RawHttp.statuses(answer), answer);
            assertTrue(answer.endsWith("form bcd"), answer);
        }
    }

    @Test
    void aHandlerThatStreamsRaisesItsOwnLimit() throws Exception {
        start("MAX_BODY_SIZE", "10k");
        try (RawHttp client = RawHttp.connect(server.port())) {
            client.send(post("/own", "Content-Length: 1000000\r\nConnection: close"));
            for (int i = 0; i < 100; i++) {
                client.send("y".repeat(10_000));
            }
            String answer = client.readUntilClosed();
            assertEquals(List.of(200), RawHttp.statuses(answer), answer);
            assertTrue(answer.endsWith("streamed 1000000"), answer);
        }
    }

    @Test
    void maxBodySizeZeroIsNoLimit() throws Exception {
        start("MAX_BODY_SIZE", "0");
        try (RawHttp client = RawHttp.connect(server.port())) {
            String answer = client.send(post("/stream", "Content-Length: 3000000\r\nConnection: close") + "z".repeat(3_000_000))
                .readUntilClosed();
            assertEquals(List.of(200), RawHttp.statuses(answer), answer);
        }
    }

    @Test
    void unsetLimitIsASixteenthOfTheHeap() throws Exception {
        startWithHeap(32);
        try (RawHttp client = RawHttp.connect(server.port())) {
            String answer = client.send(post("/full", "Content-Length: " + (2 * MIB + 1)) + "a").readUntilClosed();
            assertEquals(List.of(413), RawHttp.statuses(answer), "2 MiB is 1/16 of a 32 MiB heap: " + answer);
        }
    }

    /** A 16 MiB heap: each body may hold 1 MiB, all bodies in progress 2 MiB together. */
    @Test
    void bodiesInProgressBeyondTheBudgetGet503UntilOthersFinish() throws Exception {
        startWithHeap(16);
        List<RawHttp> holding = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                holding.add(RawHttp.connect(server.port()).send(post("/full", "Content-Length: " + MIB) + "x"));
            }
            Poll.until(Duration.ofSeconds(10), () -> "two bodies being read",
                () -> fullReads.get() == 2);
            // both hold their reservation while their body is missing; a third does not fit
            String third = RawHttp.statuses(postAfter(holding)).toString();
            assertEquals("[503]", third);
            holding.get(0).send("x".repeat((int) MIB - 1));
            assertEquals(List.of(200), RawHttp.statuses(holding.get(0).readFor(Duration.ofSeconds(5))));
            assertEquals("[200]", RawHttp.statuses(postAfter(holding)).toString(), "the finished body gave its share back");
        } finally {
            for (RawHttp client : holding) {
                client.close();
            }
        }
    }

    /** A 1 MiB body once the others are waiting; a server that answers early may stop reading it. */
    private String postAfter(List<RawHttp> waiting) throws Exception {
        try (RawHttp client = RawHttp.connect(server.port())) {
            client.send(post("/full", "Content-Length: " + MIB + "\r\nConnection: close"));
            try {
                client.send("x".repeat((int) MIB));
            } catch (SocketException e) {
                // answered before the body was in: the answer is still there to read
            }
            return client.readUntilClosed();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/full", "/stream"})
    void aBodyThatStallsGets408AfterTimeout(String path) throws Exception {
        start("TIMEOUT", "0.5");
        try (RawHttp client = RawHttp.connect(server.port())) {
            long start = System.nanoTime();
            String answer = client.send(post(path, "Content-Length: 100") + "only ten..").readUntilClosed();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(List.of(408), RawHttp.statuses(answer), answer);
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "answered after TIMEOUT, not much later: " + took);
        }
        assertTrue(server.accessLine("POST " + path).contains("\" 408 "), server.accessLog());
    }

    @Test
    void aSlowBodyThatKeepsComingIsNotCutByTimeout() throws Exception {
        start("TIMEOUT", "0.5");
        try (RawHttp client = RawHttp.connect(server.port())) {
            client.send(post("/stream", "Content-Length: 8\r\nConnection: close"));
            for (int i = 0; i < 8; i++) {
                client.readFor(Duration.ofMillis(200));
                client.send("s");
            }
            String answer = client.readUntilClosed();
            assertEquals(List.of(200), RawHttp.statuses(answer), "8 bytes over 1.6 s, never 0.5 s apart: " + answer);
        }
    }

    @Test
    void aBodyTheHandlerNeverReadsOverTheLimitIsNotDrainedTheConnectionCloses() throws Exception {
        start("MAX_BODY_SIZE", "1k");
        try (RawHttp client = RawHttp.connect(server.port())) {
            // readUntilClosed fails if the server waits for the 100 MB it would otherwise drain
            String answer = client.send(post("/ignore", "Content-Length: 100000000") + "abc").readUntilClosed();
            assertEquals(List.of(200), RawHttp.statuses(answer), answer);
            assertTrue(answer.endsWith("ignored the body"), answer);
        }
    }

    @Test
    void aClientThatGoesAwayMidBodyIsLoggedAs499NotAsAnswered() throws Exception {
        start();
        try (RawHttp client = RawHttp.connect(server.port())) {
            client.send(post("/full", "Content-Length: 100") + "half");
            client.readFor(Duration.ofMillis(200));
        }
        assertTrue(server.accessLine("POST /full").contains("\" 499 "), server.accessLog());
    }
}
