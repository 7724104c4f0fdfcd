package dev.undertowbase.launcher.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.undertowbase.launcher.config.ServerConfig;
import dev.undertowbase.launcher.config.Tuning;
import dev.undertowbase.launcher.server.handlers.Features;
import dev.undertowbase.launcher.testing.LocalServer;
import dev.undertowbase.launcher.testing.Poll;
import dev.undertowbase.launcher.testing.TestEnv;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.BlockingHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;




/** The server in this JVM on an ephemeral loopback port, driven by java.net.http. */
class ServerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path appDir;

    // HTTP/1.1: the JDK client's default, HTTP/2, upgrades to h2c (Http2Test)
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(PATIENCE).build();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private Server server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(Duration.ZERO);
        }
    }

    @Test
    void servesTheHandler() throws Exception {
        start(exchange -> exchange.getResponseSender().send("Hello World!"));

        HttpResponse<String> response = get("/");

        assertEquals(200, response.statusCode());
        assertEquals("Hello World!", response.body());
    }

    @Test
    void throwingHandlerGets500AndTheServerKeepsServing() throws Exception {
        start(exchange -> {
            if (exchange.getRequestPath().equals("/boom")) {
                throw new IllegalStateException("boom: secret detail");
            }
            exchange.getResponseSender().send("ok");
        });

        HttpResponse<String> failed = get("/boom");
        HttpResponse<String> next = get("/");

        assertEquals(500, failed.statusCode());
        assertFalse(failed.body().contains("secret detail"), "no exception text for the client");
        assertFalse(failed.body().contains("\tat "), "no stack trace for the client");
        assertEquals(200, next.statusCode());
    }

    @Test
    void blockingHandlerWrappedInBlockingHandlerWorks() throws Exception {
        start(new BlockingHandler(exchange -> {
            String body = new String(exchange.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            exchange.getOutputStream().write(("echo " + body).getBytes(StandardCharsets.UTF_8));
        }));

        HttpResponse<String> response = client.send(request("/").POST(HttpRequest.BodyPublishers.ofString("hi")).build(),
            HttpResponse.BodyHandlers.ofString());

        assertEquals("echo hi", response.body());
    }

    @Test
    void accessLogLineGoesToStdout() throws Exception {
        start(exchange -> exchange.getResponseSender().send("ok"));

        get("/logged?x=1");

        Poll.until(PATIENCE, () -> "access log line in " + stdout(), () -> stdout().contains("\"GET /logged?x=1 HTTP/1.1\" 200 2"));
        assertTrue(stdout().startsWith("127.0.0.1 - - ["), stdout());
    }

    @Test
    void accessLogGoesToAFile() throws Exception {
        Path file = appDir.resolve("access.log");
        start(exchange -> exchange.getResponseSender().send("ok"), "ACCESS_LOG", file.toString());

        get("/to-file");

        Poll.until(PATIENCE, () -> "line in " + file, () -> read(file).contains("\"GET /to-file HTTP/1.1\" 200"));
    }

    @Test
    void emptyAccessLogWritesNoLines() throws Exception {
        start(exchange -> exchange.getResponseSender().send("ok"), "ACCESS_LOG", "");

        get("/quiet");
        server.stop(PATIENCE);

        assertEquals("", stdout());
    }

    @Test
    void gracefulShutdownFinishesInFlightRequestAndRefusesNewConnections() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> slow = startAndHoldARequest(release);

        int port = server.port();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.stop(PATIENCE));
        Poll.until(PATIENCE, () -> "new connections refused while draining", () -> LocalServer.refused(port));
        assertFalse(stopping.isDone(), "stop waits for the in-flight request");
        release.countDown();

        HttpResponse<String> response = slow.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertEquals("slow done", response.body());
        stopping.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void gracefulTimeoutBoundsTheWait() throws Exception {
        startAndHoldARequest(new CountDownLatch(1));

        long start = System.nanoTime();
        server.stop(Duration.ofMillis(200));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "stop took " + took);
    }

    @Test
    void headNotWholeWithinHeaderTimeoutIsClosed() throws Exception {
        start(exchange -> exchange.getResponseSender().send("ok"), "HEADER_TIMEOUT", "0.3");

        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));

            assertEquals(-1, socket.getInputStream().read(), "server closes the half-sent request");
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosedAfterKeepAlive() throws Exception {
        start(exchange -> exchange.getResponseSender().send("ok"), "KEEP_ALIVE", "0.3");

        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String response = readUntilClosed(socket);

            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            assertTrue(response.endsWith("ok"), "connection closed after the response: " + response);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        // a server that never closes fails the test instead of hanging it
        socket.setSoTimeout((int) PATIENCE.toMillis());
        return socket;
    }

    private static String readUntilClosed(Socket socket) throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }

    private void start(HttpHandler handler, String... env) {
        String[] pairs = new String[env.length + 4];
        pairs[0] = "HOST";
        pairs[1] = "127.0.0.1";
        pairs[2] = "PORT";
        pairs[3] = "0";
        System.arraycopy(env, 0, pairs, 4, env.length);
        ServerConfig config = TestEnv.load(appDir, pairs);
        server = Server.start(config.listen(), Tuning.of(config.threads(), 2), Features.of(config, stdout), handler);
    }

    /**
     * Serves a handler that blocks until {@code release} opens, then answers "slow done"; returns
     * the response to come of one request, which is inside the handler when this returns.
     */
    private CompletableFuture<HttpResponse<String>> startAndHoldARequest(CountDownLatch release) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        start(new BlockingHandler(exchange -> {
            entered.countDown();
            release.await();
            exchange.getOutputStream().write("slow done".getBytes(StandardCharsets.UTF_8));
        }));
        CompletableFuture<HttpResponse<String>> response =
            client.sendAsync(request("/slow").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(entered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the request reached the handler");
        return response;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(PATIENCE);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String stdout() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
