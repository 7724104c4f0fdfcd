package dev.undertowbase.launcher.server.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.undertowbase.launcher.testing.LocalServer;
import dev.undertowbase.launcher.testing.LogLines;
import dev.undertowbase.launcher.testing.Poll;
import io.undertow.server.HttpHandler;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** README, Probes and health checks: the server answers LIVENESS_PATH and READINESS_PATH itself, before the app. */
class ProbesTest {

    @TempDir
    Path appDir;

    private final AtomicInteger appRequests = new AtomicInteger();
    private final HttpHandler app = exchange -> {
        appRequests.incrementAndGet();
        exchange.getResponseSender().send("app");
    };
    private LocalServer server;
    private final CountDownLatch releaseCheck = new CountDownLatch(1);

    @AfterEach
    void stop() {
        releaseCheck.countDown();
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/livez", "/readyz"})
    void aProbeAnswersOkAsUncachedPlainTextWithoutTheApp(String path) {
        server = LocalServer.start(appDir, app);

        HttpResponse<String> response = server.get(path);

        assertEquals(200, response.statusCode());
        assertEquals("ok\n", response.body());
        assertEquals("text/plain; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals(0, appRequests.get(), "the app never sees a probe");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/livez", "/readyz"})
    void headGetsTheHeadersAndNoBody(String path) {
        server = LocalServer.start(appDir, app);

        HttpResponse<String> response = server.send(server.request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertEquals(200, response.statusCode());
        assertEquals("", response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
    }

    @Test
    void otherMethodsGet405NamingTheAllowedOnes() {
        server = LocalServer.start(appDir, app);

        HttpResponse<String> response = server.send(server.request("/livez").POST(HttpRequest.BodyPublishers.ofString("x")));

        assertEquals(405, response.statusCode());
        assertEquals("GET, HEAD", response.headers().firstValue("Allow").orElseThrow());
        assertEquals(0, appRequests.get());
    }

    @Test
    void pathsCanBeMovedAndEveryOtherPathReachesTheApp() {
        server = LocalServer.start(appDir, app, "LIVENESS_PATH", "/health/live", "READINESS_PATH", "/health/ready");

        assertEquals("ok\n", server.get("/health/live").body());
        assertEquals("ok\n", server.get("/health/ready?verbose=1").body());
        assertEquals("app", server.get("/livez").body());
        assertEquals("app", server.get("/health/live/").body());
        assertEquals(2, appRequests.get());
    }

    @Test
    void anEmptyPathSwitchesThatProbeOff() {
        server = LocalServer.start(appDir, app, "LIVENESS_PATH", "", "READINESS_PATH", "");

        assertEquals("app", server.get("/livez").body());
        assertEquals("app", server.get("/readyz").body());
    }

    @Test
    void readinessFollowsTheAppsCheckAndLogsEachFailureOnce() {
        AtomicBoolean ready = new AtomicBoolean(false);
        try (LogLines log = LogLines.of(Probes.class)) {
            server = LocalServer.start(appDir, app, ready::get);

            HttpResponse<String> first = server.get("/readyz");
            HttpResponse<String> second = server.get("/readyz");
            ready.set(true);
            HttpResponse<String> third = server.get("/readyz");

            assertEquals(List.of(503, 503, 200), List.of(first.statusCode(), second.statusCode(), third.statusCode()));
            assertEquals("not ready\n", first.body());
            assertEquals("no-store", first.headers().firstValue("Cache-Control").orElseThrow());
            assertEquals(List.of("Readiness answers 503: the app's ready check returned false",
                "Readiness answers 200 again: the app's ready check passes"), log.messages());
        }
    }

    @Test
    void aThrowingCheckAnswers503AndTheLogSaysWhy() {
        BooleanSupplier check = () -> {
            throw new IllegalStateException("app.Main:ready threw java.sql.SQLException: pool closed");
        };
        try (LogLines log = LogLines.of(Probes.class)) {
            server = LocalServer.start(appDir, app, check);

            assertEquals(503, server.get("/readyz").statusCode());
            assertEquals(503, server.get("/readyz").statusCode());

            assertEquals(List.of("Readiness answers 503: the app's ready check failed:"
                + " app.Main:ready threw java.sql.SQLException: pool closed"), log.messages());
        }
    }

    @Test
    void aCheckTakingLongerThanASecondAnswers503WhileLivenessStillAnswers() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        BooleanSupplier stuck = () -> {
            calls.incrementAndGet();
            try {
                releaseCheck.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        };
        try (LogLines log = LogLines.of(Probes.class)) {
            // one IO thread: a check run on it would block the liveness probe too
            server = LocalServer.start(appDir, app, stuck, "WEB_CONCURRENCY", "1");

            List<CompletableFuture<HttpResponse<String>>> probes =
                List.of(server.getAsync("/readyz"), server.getAsync("/readyz"), server.getAsync("/readyz"));
            Poll.until(LocalServer.PATIENCE, () -> "the check to start", () -> calls.get() == 1);
            assertEquals(200, server.get("/livez").statusCode(), "liveness answers while the check hangs");
            for (CompletableFuture<HttpResponse<String>> probe : probes) {
                assertEquals(503, probe.get().statusCode());
            }

            assertEquals(1, calls.get(), "probes arriving while a check runs share it");
            assertEquals(List.of("Readiness answers 503: the app's ready check took longer than 1 s"), log.messages());
        }
    }

    @Test
    void probesStayOutOfTheAccessLog() {
        server = LocalServer.start(appDir, app);

        server.get("/livez");
        server.get("/readyz");
        server.get("/seen");

        Poll.until(LocalServer.PATIENCE, () -> "the app's access line in " + server.accessLog(),
            () -> server.accessLog().contains("GET /seen"));
        assertFalse(server.accessLog().contains("/livez") || server.accessLog().contains("/readyz"), server.accessLog());
    }

    @Test
    void accessLogProbesTrueLogsThemToo() {
        server = LocalServer.start(appDir, app, "ACCESS_LOG_PROBES", "true");

        server.get("/livez");
        server.get("/readyz");

        Poll.until(LocalServer.PATIENCE, () -> "both probes in " + server.accessLog(),
            () -> server.accessLog().contains("\"GET /livez HTTP/1.1\" 200") && server.accessLog().contains("\"GET /readyz HTTP/1.1\" 200"));
    }
}
