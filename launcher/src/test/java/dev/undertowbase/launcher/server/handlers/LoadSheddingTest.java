package dev.undertowbase.launcher.server.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.undertowbase.launcher.testing.LocalServer;
import dev.undertowbase.launcher.testing.LogLines;
import dev.undertowbase.launcher.testing.Poll;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.SameThreadExecutor;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README, Load shedding: beyond LIMIT_CONCURRENCY requests in flight, 503 at once, never a queue. */
class LoadSheddingTest {

    @TempDir
    Path appDir;

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger held = new AtomicInteger();
    /** /slow blocks a worker thread until the test releases it, as a slow app does. */
    private final HttpHandler slow = new BlockingHandler(exchange -> {
        if (exchange.getRequestPath().equals("/slow")) {
            held.incrementAndGet();
            release.await();
        }
        exchange.getOutputStream().write("done".getBytes());
    });
    private LocalServer server;

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void fourAllowedAndTwentyConcurrentSlowRequestsGive4x200And16x503() throws Exception {
        server = LocalServer.start(appDir, slow, "LIMIT_CONCURRENCY", "4");
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            responses.add(server.getAsync("/slow"));
        }

        // the 16 beyond the limit are answered while the 4 are still held: nothing waits in a queue
        Poll.until(LocalServer.PATIENCE, () -> "16 answers before any slow request ends",
            () -> responses.stream().filter(CompletableFuture::isDone).count() == 16);
        assertEquals(4, held.get(), "the app holds four");
        release.countDown();

        Map<Integer, Integer> statuses = new TreeMap<>();
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            statuses.merge(response.get(10, TimeUnit.SECONDS).statusCode(), 1, Integer::sum);
        }
        assertEquals(Map.of(200, 4, 503, 16), statuses);
        HttpResponse<String> shed = responses.stream().map(CompletableFuture::join)
            .filter(response -> response.statusCode() == 503).findFirst().orElseThrow();
        assertEquals("1", shed.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void probesAnswerWhenTheServerIsSaturated() throws Exception {
        server = LocalServer.start(appDir, slow, "LIMIT_CONCURRENCY", "1");
        CompletableFuture<HttpResponse<String>> first = server.getAsync("/slow");
        Poll.until(LocalServer.PATIENCE, () -> "the slow request to be held", () -> held.get() == 1);

        assertEquals(503, server.get("/").statusCode());
        assertEquals(200, server.get("/livez").statusCode());
        assertEquals(200, server.get("/readyz").statusCode());

        release.countDown();
        assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void aPlaceIsFreedWhenAnAsynchronousRequestCompletes() throws Exception {
        CountDownLatch later = new CountDownLatch(1);
        // /held is finished from a thread of the app's own, long after the handler returned
        HttpHandler async = exchange -> {
            if (!exchange.getRequestPath().equals("/held")) {
                exchange.getResponseSender().send("quick");
                return;
            }
            held.incrementAndGet();
            exchange.dispatch(SameThreadExecutor.INSTANCE, () -> Thread.ofPlatform().start(() -> {
                try {
                    later.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.getResponseSender().send("late");
            }));
        };
        server = LocalServer.start(appDir, async, "LIMIT_CONCURRENCY", "1");
        CompletableFuture<HttpResponse<String>> first = server.getAsync("/held");
        Poll.until(LocalServer.PATIENCE, () -> "the request to be held", () -> held.get() == 1);
        assertEquals(503, server.get("/").statusCode());

        later.countDown();

        assertEquals("late", first.get(10, TimeUnit.SECONDS).body());
        assertEquals(200, server.get("/").statusCode(), "the completed request no longer counts");
    }

    @Test
    void theFirstShedRequestIsLoggedAtOnceAndTheRestCountedInOneLine() throws Exception {
        try (LogLines log = LogLines.of(LoadShedding.class)) {
            server = LocalServer.start(appDir, slow, "LIMIT_CONCURRENCY", "1");
            CompletableFuture<HttpResponse<String>> first = server.getAsync("/slow");
            Poll.until(LocalServer.PATIENCE, () -> "the slow request to be held", () -> held.get() == 1);
            assertEquals(503, server.get("/").statusCode());
            assertEquals(List.of("Shed 1 request with 503: LIMIT_CONCURRENCY=1 requests were in flight"
                + " (this line comes at most every 10 s)"), log.messages());
            for (int i = 0; i < 5; i++) {
                assertEquals(503, server.get("/").statusCode());
            }
            release.countDown();
            first.get(10, TimeUnit.SECONDS);

            server.close();
            server = null;

            // within 10 s of the first line the five are counted by the next report, or when the server stops
            assertEquals(List.of(log.messages().get(0), "Shed 5 requests with 503: LIMIT_CONCURRENCY=1 requests were"
                + " in flight (this line comes at most every 10 s)"), log.messages());
        }
    }
}
