package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.undertowbase.launcher.testing.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/**
 * README, Blocking handlers: with no thread settings, blocking handlers run as many at once as
 * requests arrive, and a long run of them (half reading and writing 64 KiB through the blocking
 * streams) leaves file descriptors, threads, heap and memory where they were, under a 256 MiB
 * limit. bench/resources.py is the same run with a million requests.
 */
@EveryTag
class BlockingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] BODY = new byte[64 * 1024];
    /** Requests per quarter of the resource run; the first quarter warms up. */
    private static final int QUARTER = 5_000;
    private static final int CONNECTIONS = 64;

    @Parameter
    String tag;

    @Test
    void blockingRequestsRunAsManyAtOnceAsArrive() throws Exception {
        try (Server server = ImageRun.of(tag).cpus(1).app(TestApps.jarApp(TestApps.BLOCKING)).start();
             HttpClient client = HttpClient.newHttpClient()) {
            assertEquals("virtual", server.config().get("worker_pool").asText());

            // a pool of io_threads × 8 = 16 platform threads would let 16 in and time the rest out
            assertAllMeet(server, client, "/meet/", 100);
        }
    }

    /**
     * The JDK gives a one-CPU quota one carrier: a handler that computes would hold it and every
     * other blocking request would wait, though the quota may run on several of the host's cores.
     */
    @Test
    void twoBlockingRequestsThatComputeRunAtOnceUnderAOneCpuQuota() throws Exception {
        try (Server server = ImageRun.of(tag).cpus(1).app(TestApps.jarApp(TestApps.BLOCKING)).start();
             HttpClient client = HttpClient.newHttpClient()) {
            assertEquals(1, server.config().get("cores").asInt());
            assertEquals(2, server.config().get("carrier_threads").asInt());

            assertAllMeet(server, client, "/spin/", 2);
        }
    }

    /** Sends count requests to route + count at once; each answers "met" only if all were inside together. */
    private static void assertAllMeet(Server server, HttpClient client, String route, int count) throws Exception {
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(client.sendAsync(HttpRequest.newBuilder(server.uri(route + count))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            assertEquals("met", answer.get(30, TimeUnit.SECONDS).body());
        }
    }

    @Test
    void manyBlockingRequestsLeaveResourcesFlat() throws Exception {
        // -Djdk.tracePinnedThreads=full: JDK 21 prints a stack whenever a virtual thread blocks
        // while pinned to its carrier (JDK 24 dropped both the pinning by synchronized and the flag)
        try (Server server = ImageRun.of(tag).cpus(1).memoryMegabytes(256)
                .env("ACCESS_LOG", "").env("JAVA_OPTS", "-Djdk.tracePinnedThreads=full")
                .app(TestApps.jarApp(TestApps.BLOCKING)).start()) {
            load(server, QUARTER);
            // the JDK opens some descriptors once, on first use (its pollers for virtual threads' I/O)
            JsonNode warm = awaitSteadyFiles(server);
            List<JsonNode> samples = new ArrayList<>(List.of(warm));
            for (int quarter = 1; quarter < 4; quarter++) {
                load(server, QUARTER);
                samples.add(awaitFilesBackTo(server, warm.get("fds").asLong()));
            }
            String series = "after each quarter of " + QUARTER + " requests: " + samples;
            System.out.println(tag + ": " + series);
            JsonNode last = samples.get(samples.size() - 1);

            assertTrue(server.isRunning(), () -> "still running under --memory=256m; " + server.logs());
            assertFalse(server.inspect().getState().getOOMKilled(), "not OOM-killed");
            // Flat: file descriptors within one lazily opened poller (checked above); OS threads within 8, as the JIT
            // starts and stops compiler threads, and on JDK 21 the virtual-thread scheduler adds a
            // carrier for half a minute while a virtual thread waits in a selector (a thread per
            // request would be thousands); heap after a full GC within 25% + 2 MiB; RSS, which
            // moves by ±8% between samples as the heap sizes itself, within 25%: a leak of 2 KiB
            // a request would be 30 MB. The million requests of bench/resources.py bound it closer.
            assertTrue(last.get("threads").asLong() <= warm.get("threads").asLong() + 8, "OS threads " + series);
            assertTrue(last.get("heap").asLong() <= warm.get("heap").asLong() * 5 / 4 + (2 << 20), "heap after GC " + series);
            assertTrue(last.get("rss").asLong() <= warm.get("rss").asLong() * 5 / 4, "RSS " + series);
            assertFalse(server.output().contains("<== monitors"), () -> "a virtual thread blocked while pinned: "
                    + server.output());
        }
    }

    /** Sends {@code count} requests, {@link #CONNECTIONS} at a time, on fresh connections it closes at the end. */
    private static void load(Server server, int count) throws Exception {
        URI wait = server.uri("/wait/5");
        URI echo = server.uri("/echo");
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
             ExecutorService senders = Executors.newFixedThreadPool(CONNECTIONS)) {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                boolean withBody = i % 2 == 1;
                sent.add(senders.submit(() -> {
                    HttpRequest request = withBody
                            ? HttpRequest.newBuilder(echo).POST(HttpRequest.BodyPublishers.ofByteArray(BODY)).build()
                            : HttpRequest.newBuilder(wait).build();
                    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    assertEquals(200, response.statusCode(), request::toString);
                    assertEquals(withBody ? BODY.length : "waited".length(), response.body().length);
                    return null;
                }));
            }
            for (Future<?> request : sent) {
                request.get(2, TimeUnit.MINUTES);
            }
        }
    }

    /** The stats once the server has closed the load's connections: two samples in a row with the same open files. */
    private static JsonNode awaitSteadyFiles(Server server) {
        JsonNode[] last = {stats(server)};
        Poll.until(Duration.ofSeconds(20), () -> "open files to settle: " + last[0], () -> {
            JsonNode previous = last[0];
            last[0] = stats(server);
            return previous.get("fds").equals(last[0].get("fds"));
        });
        return last[0];
    }

    /**
     * The stats once the server has closed the load's connections: file descriptors back to
     * {@code fds}, give or take a second stats connection and one more of the JDK's lazily opened
     * I/O pollers (3 descriptors: java25 opened one after the first 5,000 requests, once, in one
     * run of four tags). A selector or a socket left open per request would be thousands.
     */
    private static JsonNode awaitFilesBackTo(Server server, long fds) {
        JsonNode[] last = new JsonNode[1];
        Poll.until(Duration.ofSeconds(20), () -> "open files back to " + fds + ": " + last[0], () -> {
            last[0] = stats(server);
            return last[0].get("fds").asLong() <= fds + 5;
        });
        return last[0];
    }

    private static JsonNode stats(Server server) {
        try {
            return JSON.readTree(server.get("/stats").body());
        } catch (IOException e) {
            throw new AssertionError("/stats is not JSON", e);
        }
    }
}
