package dev.undertowbase.launcher.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.undertowbase.launcher.config.ServerConfig;
import dev.undertowbase.launcher.config.Tuning;
import dev.undertowbase.launcher.server.handlers.Features;
import dev.undertowbase.launcher.testing.Poll;
import dev.undertowbase.launcher.testing.TestEnv;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * README, Blocking handlers: where blocking work runs, how much of it runs at once, and that
 * a virtual thread per request leaves nothing behind (the hazards of XNIO's per-thread selectors
 * and Undertow's per-thread buffer caches).
 */
class BlockingWorkTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final byte[] BODY = new byte[64 * 1024];

    @TempDir
    Path appDir;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(PATIENCE).build();
    private Server server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(Duration.ZERO);
        }
        client.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/blocking-handler", "/dispatch", "/dispatch-after-async-read"})
    void blockingWorkRunsOnVirtualThreadsByDefault(String path) throws Exception {
        HttpHandler answer = exchange -> exchange.getResponseSender().send("virtual=" + Thread.currentThread().isVirtual());
        start(exchange -> {
            switch (exchange.getRequestPath()) {
                case "/blocking-handler" -> new BlockingHandler(answer).handleRequest(exchange);
                case "/dispatch" -> exchange.dispatch(answer);
                // the body arrives in a callback after the handler's call has returned: a dispatch
                // from there goes straight to the worker, not through a per-request dispatch executor
                default -> exchange.getRequestReceiver().receiveFullBytes(
                    (ex, body) -> ex.dispatch(answer));
            }
        });

        HttpResponse<String> response = client.send(request(path).POST(HttpRequest.BodyPublishers.ofByteArray(BODY)).build(),
            HttpResponse.BodyHandlers.ofString());

        assertEquals("virtual=true", response.body());
    }

    @Test
    void theVirtualPoolRunsEveryBlockingRequestAtOnce() throws Exception {
        int requests = 100;
        CountDownLatch allInside = new CountDownLatch(requests);
        start(new BlockingHandler(exchange -> {
            allInside.countDown();
            boolean met = allInside.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            exchange.getResponseSender().send(met ? "all met" : "only " + (requests - allInside.getCount()) + " met");
        }));

        List<String> answers = getAll("/", requests);

        assertEquals(List.of("all met"), answers.stream().distinct().toList());
    }

    @Test
    void aPlatformPoolRunsAsManyAsItsSize() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch neverAllInside = new CountDownLatch(5);
        start(new BlockingHandler(exchange -> {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            neverAllInside.countDown();
            // long enough for every request the pool can take to be inside together
            neverAllInside.await(300, TimeUnit.MILLISECONDS);
            inside.decrementAndGet();
            exchange.getResponseSender().send("done");
        }), "WORKER_THREADS", "4");

        getAll("/", 12);

        assertEquals(4, most.get(), "requests inside the handler at once");
    }

    @Test
    void waitingForABodyLeavesNoSelectorOpen() throws Exception {
        // XNIO opens a selector (two file descriptors) for each thread that waits in a blocking
        // stream; a virtual thread ends after its request, and its selector must not outlive it
        start(new BlockingHandler(exchange -> {
            try (InputStream in = exchange.getInputStream()) {
                exchange.getResponseSender().send("read " + in.readAllBytes().length);
            }
        }));
        assertEquals("read 2000", slowPost());
        long before = openFiles();

        int requests = 50;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(clients.submit(this::slowPost));
            }
            for (Future<String> answer : answers) {
                assertEquals("read 2000", answer.get());
            }
        }

        // the server closes its end of each connection shortly after answering
        Poll.until(PATIENCE, () -> "open files back to " + before + ", are " + openFiles(),
            () -> openFiles() <= before + 2);
    }

    @Test
    void virtualThreadsKeepNoDirectBuffers() throws Exception {
        start(new BlockingHandler(BlockingWorkTest::echo));
        post("/");
        long before = directBuffers();

        try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                answers.add(clients.submit(() -> post("/")));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(BODY.length, answer.get());
            }
        }

        // Undertow.builder()'s pool leaves one or two per request to the GC: about 600 here
        long after = directBuffers();
        assertTrue(after <= before + 32, "direct buffers " + before + " before, " + after + " after");
    }

    private static void echo(HttpServerExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getInputStream()) {
            body = in.readAllBytes();
        }
        exchange.setResponseContentLength(body.length);
        try (OutputStream out = exchange.getOutputStream()) {
            out.write(body);
        }
    }

    /** A POST whose second half comes 20 ms after the first, so the handler waits for it. */
    private String slowPost() throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) PATIENCE.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2000\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1000]);
            out.flush();
            Thread.sleep(20);
            out.write(new byte[1000]);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    private int post(String path) throws IOException, InterruptedException {
        return client.send(request(path).POST(HttpRequest.BodyPublishers.ofByteArray(BODY)).build(),
            HttpResponse.BodyHandlers.ofByteArray()).body().length;
    }

    private List<String> getAll(String path, int count) throws Exception {
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pending.add(client.sendAsync(request(path).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<String> bodies = new ArrayList<>();
        for (var response : pending) {
            bodies.add(response.get(2 * PATIENCE.toSeconds(), TimeUnit.SECONDS).body());
        }
        return bodies;
    }

    private static long openFiles() {
        try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
            return open.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long directBuffers() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow().getCount();
    }

    private void start(HttpHandler handler, String... env) {
        List<String> pairs = new ArrayList<>(List.of("HOST", "127.0.0.1", "PORT", "0", "ACCESS_LOG", ""));
        pairs.addAll(List.of(env));
        ServerConfig config = TestEnv.load(appDir, pairs.toArray(String[]::new));
        server = Server.start(config.listen(), Tuning.of(config.threads(), 2), Features.of(config, new ByteArrayOutputStream()),
            handler);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(PATIENCE);
    }
}
