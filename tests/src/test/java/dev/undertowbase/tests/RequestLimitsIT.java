package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.undertowbase.launcher.testing.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/**
 * README, Request limits, against the findings of an adversarial run on the images: the rows that
 * crashed a 256 MiB container (exit 3, OutOfMemoryError) now leave it running and answering,
 * a stalled body no longer holds a thread past TIMEOUT, and the body and head limits answer with
 * their status codes. The app routes: /full (receiveFullBytes), /stream (BlockingHandler +
 * getInputStream), see {@link TestApps#BODIES}.
 */
@EveryTag
class RequestLimitsIT {

    @Parameter
    String tag;

    private Server start(String... env) {
        ImageRun run = ImageRun.of(tag).memoryMegabytes(256).app(TestApps.jarApp(TestApps.BODIES));
        for (int i = 0; i < env.length; i += 2) {
            run.env(env[i], env[i + 1]);
        }
        return run.start();
    }

    private static String post(String path, String framing) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" + framing + "\r\n\r\n";
    }

    /** The JVM survived with its computed heap: the container runs and serves. */
    private static void assertAlive(Server server) {
        assertTrue(server.isRunning(), () -> "the container is still running; " + server.logs());
        assertEquals(200, server.get("/").statusCode(), server::logs);
    }

    /** Finding: CL 200000000 with 3 bytes killed the JVM in 19 ms; 4 such requests took 5-5.7 GiB unlimited. */
    @Test
    void aRequestDeclaringAHugeBodyGets413AndTheServerLives() {
        try (Server server = start()) {
            for (String path : List.of("/full", "/stream")) {
                List<RawHttp> clients = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    clients.add(RawHttp.connect(server).send(post(path, "Content-Length: 200000000") + "abc"));
                }
                for (RawHttp client : clients) {
                    String answer = client.readUntilClosed();
                    assertEquals(List.of(413), RawHttp.statuses(answer), path + ": " + answer);
                    client.close();
                }
            }
            assertAlive(server);
            assertFalse(server.stderr().contains("Exception"), () -> "no stack trace for an over-limit body; " + server.logs());
        }
    }

    /** Finding: 70 connections declaring 2 MiB, sending 1 byte and going silent, exit 3 at 256m. */
    @Test
    void manyStalledBodiesWithinTheLimitCannotExhaustTheHeap() {
        try (Server server = start("TIMEOUT", "5")) {
            List<RawHttp> clients = new ArrayList<>();
            for (int i = 0; i < 70; i++) {
                clients.add(RawHttp.connect(server).send(post("/full", "Content-Length: 2097152") + "x"));
            }
            assertAlive(server);
            Map<Integer, Integer> answers = new HashMap<>();
            for (RawHttp client : clients) {
                RawHttp.statuses(client.readUntilClosed()).forEach(status -> answers.merge(status, 1, Integer::sum));
                client.close();
            }
            assertEquals(70, answers.values().stream().mapToInt(Integer::intValue).sum(), answers::toString);
            assertTrue(answers.keySet().stream().allMatch(status -> status == 503 || status == 408), answers::toString);
            assertTrue(answers.getOrDefault(503, 0) > 0, () -> "the budget of bodies in progress turned some away: " + answers);
            assertAlive(server);
        }
    }

    /** Finding: 150 connections sending ~975 KB of headers each, never ending the head, exit 3 at 256m. */
    @Test
    void unfinishedHugeHeadsGet431AndCannotExhaustTheHeap() {
        try (Server server = start()) {
            String huge = "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(975_000);
            List<RawHttp> clients = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                clients.add(RawHttp.connect(server).send(huge));
            }
            assertAlive(server);
            for (RawHttp client : clients) {
                assertEquals(List.of(431), RawHttp.statuses(client.readUntilClosed()));
                client.close();
            }
            assertAlive(server);
        }
    }

    /** Finding: head and part of a body, then silence, held the connection > 70 s at TIMEOUT=5. */
    @Test
    void aStalledBodyGets408AfterTimeoutOnBothReadingPaths() {
        try (Server server = start("TIMEOUT", "3")) {
            for (String path : List.of("/full", "/stream")) {
                long start = System.nanoTime();
                try (RawHttp client = RawHttp.connect(server)) {
                    String answer = client.send(post(path, "Content-Length: 100") + "only ten..").readUntilClosed();
                    assertEquals(List.of(408), RawHttp.statuses(answer), path + ": " + answer);
                }
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, path + " answered after TIMEOUT=3, took " + took);
            }
        }
    }

    /** Finding: 16 stalled clients held every worker thread and blocking routes stopped answering. */
    @Test
    void stalledClientsReleaseTheWorkerThreadsAfterTimeout() throws Exception {
        try (Server server = start("TIMEOUT", "5")) {
            int workers = server.config().get("worker_threads").asInt();
            List<RawHttp> stalled = new ArrayList<>();
            for (int i = 0; i < workers + 4; i++) {
                stalled.add(RawHttp.connect(server).send(post("/stream", "Content-Length: 100") + "x"));
            }
            long start = System.nanoTime();
            CompletableFuture<String> blocking = CompletableFuture.supplyAsync(() -> {
                try (RawHttp client = RawHttp.connect(server)) {
                    return client.send(post("/stream", "Content-Length: 2\r\nConnection: close") + "ok").readUntilClosed();
                }
            });
            String answer = blocking.get(30, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(List.of(200), RawHttp.statuses(answer), answer);
            assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "served once TIMEOUT freed the workers, took " + took);
            for (RawHttp client : stalled) {
                assertEquals(List.of(408), RawHttp.statuses(client.readUntilClosed()));
                client.close();
            }
        }
    }

    /** Finding: an undocumented 2 MiB cap (413 on one route, 500 and a stack trace on the other). */
    @Test
    void theBodyLimitIsTheDocumentedOneOnEveryRoute() {
        try (Server server = start()) {
            long limit = server.config().get("max_body_size").asLong();
            assertTrue(limit > 8L << 20 && limit < 10L << 20, "1/16 of the heap of a 256 MiB container: " + limit);
            for (String path : List.of("/full", "/stream")) {
                try (RawHttp client = RawHttp.connect(server)) {
                    String answer = client.send(post(path, "Content-Length: 2097153\r\nConnection: close")
                        + "b".repeat(2_097_153)).readUntilClosed();
                    assertEquals(List.of(200), RawHttp.statuses(answer), path);
                    assertTrue(answer.endsWith(" 2097153"), path + ": " + answer.substring(Math.max(0, answer.length() - 200)));
                }
                try (RawHttp client = RawHttp.connect(server)) {
                    String answer = client.send(post(path, "Content-Length: " + (limit + 1)) + "b").readUntilClosed();
                    assertEquals(List.of(413), RawHttp.statuses(answer), path + ": " + answer);
                }
                try (RawHttp client = RawHttp.connect(server)) {
                    StringBuilder chunked = new StringBuilder(post(path, "Transfer-Encoding: chunked"));
                    String chunk = Long.toHexString(1 << 20) + "\r\n" + "c".repeat(1 << 20) + "\r\n";
                    for (long sent = 0; sent <= limit; sent += 1 << 20) {
                        chunked.append(chunk);
                    }
                    String answer = client.send(chunked.append("0\r\n\r\n").toString()).readUntilClosed();
                    assertEquals(List.of(413), RawHttp.statuses(answer), path + " chunked: " + answer);
                }
            }
            Poll.until(Duration.ofSeconds(10), () -> "six access lines for the bodies; " + server.logs(),
                () -> Output.accessLines(server.stdout(), "POST /full HTTP/1.1") + Output.accessLines(server.stdout(),
                    "POST /stream HTTP/1.1") == 6);
            assertEquals(4, server.stdout().lines().filter(line -> line.contains("HTTP/1.1\" 413 ")).count(), server::logs);
            assertFalse(server.stderr().contains("Exception"), () -> "no stack trace for an over-limit body; " + server.logs());
        }
    }

    /** Finding: 64 KiB and 1000 KiB header values and a 1000 KiB URL were served (and logged in 1 MiB lines). */
    @Test
    void headsOverTheLimitsGet431Or414() {
        try (Server server = start()) {
            Map<String, Integer> cases = Map.of(
                "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(64 << 10) + "\r\n\r\n", 431,
                "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(1000 << 10) + "\r\n\r\n", 431,
                "GET /" + "a".repeat(1000 << 10) + " HTTP/1.1\r\nHost: localhost\r\n\r\n", 414,
                "GET / HTTP/1.1\r\nHost: localhost\r\n" + "X-Field: 1\r\n".repeat(100) + "\r\n", 431);
            cases.forEach((request, status) -> {
                try (RawHttp client = RawHttp.connect(server)) {
                    String answer = client.send(request).readUntilClosed();
                    assertEquals(List.of(status), RawHttp.statuses(answer), answer);
                }
            });
            assertAlive(server);
            int longest = server.stdout().lines().mapToInt(String::length).max().orElse(0);
            assertTrue(longest < 40_000, "an access line is bounded by MAX_HEADER_SIZE (32k): " + longest);
        }
    }
}
