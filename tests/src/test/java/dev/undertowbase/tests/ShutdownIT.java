package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/**
 * README, Stopping: SIGTERM drains in-flight requests within GRACEFUL_TIMEOUT. README, Finding your
 * handler: a throwing handler costs that request an empty 500 and the server goes on.
 */
@EveryTag
class ShutdownIT {

    @Parameter
    String tag;

    @Test
    void sigtermLetsTheInFlightRequestFinish() throws Exception {
        try (Server server = ImageRun.of(tag).app(TestApps.jarApp(TestApps.DIAG)).start()) {
            CompletableFuture<HttpResponse<String>> slow = Http.getAsync(server.uri("/slow/2000"), Duration.ofSeconds(30));
            server.awaitStdout("slow request started");
            long signalled = System.nanoTime();
            server.signal("TERM");
            server.awaitStderr("Shutting down");
            Optional<HttpResponse<String>> late = Http.tryGet(server.uri("/"));
            assertTrue(late.isEmpty() || late.get().statusCode() == 503,
                    () -> "no new request is served while draining, got " + late.map(HttpResponse::statusCode));
            HttpResponse<String> response = slow.get(30, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertEquals("slept 2000", response.body());
            assertEquals(0, server.awaitExit(Duration.ofSeconds(30)), () -> "a clean stop; " + server.logs());
            Duration stopping = Duration.ofNanos(System.nanoTime() - signalled);
            assertTrue(stopping.compareTo(Duration.ofSeconds(6)) < 0,
                    () -> "stops once the request is done, not at GRACEFUL_TIMEOUT=30 s; took " + stopping.toMillis() + " ms");
        }
    }

    @Test
    void duringShutdownDelayReadinessAnswers503WhileTheAppIsStillServed() {
        try (Server server = ImageRun.of(tag).env("SHUTDOWN_DELAY", "5").app(TestApps.jarApp(TestApps.DIAG)).start()) {
            assertEquals(200, server.get("/readyz").statusCode());
            long signalled = System.nanoTime();
            server.signal("TERM");
            server.awaitStderr("Shutdown: readiness answers 503; still serving for 5.0s (SHUTDOWN_DELAY)");

            assertEquals(503, server.get("/readyz").statusCode());
            HttpResponse<String> app = server.get("/");
            assertEquals(200, app.statusCode(), "new requests are served during the delay");
            assertEquals("Hello World!", app.body());
            assertEquals(200, server.get("/livez").statusCode());

            assertEquals(0, server.awaitExit(Duration.ofSeconds(30)), server::logs);
            Duration stopping = Duration.ofNanos(System.nanoTime() - signalled);
            assertTrue(stopping.compareTo(Duration.ofSeconds(5)) >= 0, "the delay is served in full");
            String stderr = server.stderr();
            assertTrue(stderr.indexOf("SHUTDOWN_DELAY") < stderr.indexOf("Shutting down: waiting up to 30.0s"), stderr);
        }
    }

    /**
     * A request still running when GRACEFUL_TIMEOUT is spent is cut: its client sees the connection
     * closed without an answer, no sooner than the timeout after SIGTERM and long before its own
     * 60 s timeout.
     */
    @Test
    void gracefulTimeoutCutsTheStuckRequest() throws Exception {
        try (Server server = ImageRun.of(tag).env("GRACEFUL_TIMEOUT", "1").app(TestApps.jarApp(TestApps.DIAG)).start()) {
            CompletableFuture<HttpResponse<String>> stuck = Http.getAsync(server.uri("/slow/60000"), Duration.ofSeconds(60));
            CompletableFuture<Long> answeredAt = stuck.handle((response, failure) -> System.nanoTime());
            server.awaitStdout("slow request started");
            long signalled = System.nanoTime();
            server.signal("TERM");
            long status = server.awaitExit(Duration.ofSeconds(20));
            Duration stopping = Duration.ofNanos(System.nanoTime() - signalled);
            assertTrue(stopping.compareTo(Duration.ofSeconds(5)) < 0,
                    () -> "stops about GRACEFUL_TIMEOUT=1 s after SIGTERM; took " + stopping.toMillis() + " ms; " + server.logs());
            assertEquals(0, status, server::logs);

            Duration cutAfter = Duration.ofNanos(answeredAt.get(10, TimeUnit.SECONDS) - signalled);
            ExecutionException cut = assertThrows(ExecutionException.class, stuck::get,
                    () -> "the client gets no answer, got " + stuck.join().statusCode());
            assertInstanceOf(IOException.class, cut.getCause(), "the connection closed under the request");
            assertFalse(cut.getCause() instanceof HttpTimeoutException, () -> "closed by the server, not timed out: " + cut);
            assertTrue(cutAfter.compareTo(Duration.ofMillis(1000)) >= 0,
                    () -> "the request had the whole GRACEFUL_TIMEOUT=1 s; cut after " + cutAfter.toMillis() + " ms");
        }
    }

    @Test
    void throwingHandlerGets500AndTheServerGoesOn() {
        try (Server server = ImageRun.of(tag).app(TestApps.jarApp(TestApps.DIAG)).start()) {
            assertEquals(500, server.get("/boom").statusCode());
            assertEquals(200, server.get("/").statusCode());
            server.awaitStderr("boom on purpose");
            assertTrue(server.isRunning());
        }
    }
}
