package dev.undertowbase.launcher.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.undertowbase.launcher.testing.LocalServer;
import dev.undertowbase.launcher.testing.LogLines;
import dev.undertowbase.launcher.testing.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README, Stopping: SHUTDOWN_DELAY, readiness 503 while everything else is still served, then the drain. */
class ShutdownDelayTest {

    private static final Duration LONG_DELAY = Duration.ofMinutes(5);

    @TempDir
    Path appDir;

    private LocalServer server;
    private CompletableFuture<Void> stopping;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.server().cutShutdownDelay();
            if (stopping != null) {
                stopping.get(LocalServer.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
            server.close();
        }
    }

    @Test
    void duringTheDelayReadinessAnswers503AndEverythingElseIsServed() {
        server = LocalServer.start(appDir, exchange -> exchange.getResponseSender().send("app"));
        assertEquals(200, server.get("/readyz").statusCode());

        stopInBackground(LONG_DELAY);

        Poll.until(LocalServer.PATIENCE, () -> "readiness to answer 503", () -> server.get("/readyz").statusCode() == 503);
        assertEquals("shutting down\n", server.get("/readyz").body());
        assertEquals("app", server.get("/").body(), "the app is still served");
        assertFalse(LocalServer.refused(server.server().port()), "new connections are still accepted");
        assertEquals(200, server.get("/livez").statusCode());
        assertFalse(stopping.isDone());
    }

    @Test
    void afterTheDelayTheListenerClosesAndEachPhaseLogsOneLine() throws Exception {
        server = LocalServer.start(appDir, exchange -> exchange.getResponseSender().send("app"));
        int port = server.server().port();
        try (LogLines log = LogLines.of(Server.class)) {
            stopInBackground(Duration.ofMillis(300));
            stopping.get(LocalServer.PATIENCE.toSeconds(), TimeUnit.SECONDS);

            assertTrue(LocalServer.refused(port), "the listener is closed once stop returns");
            assertEquals(List.of("Shutdown: readiness answers 503; still serving for 0.3s (SHUTDOWN_DELAY)",
                "Shutting down: waiting up to 10.0s for in-flight requests", "Stopped"), log.messages());
        }
    }

    @Test
    void cuttingTheDelayShortProceedsToTheDrainAtOnce() throws Exception {
        server = LocalServer.start(appDir, exchange -> exchange.getResponseSender().send("app"));
        int port = server.server().port();
        stopInBackground(LONG_DELAY);
        Poll.until(LocalServer.PATIENCE, () -> "readiness to answer 503", () -> server.get("/readyz").statusCode() == 503);

        server.server().cutShutdownDelay();

        stopping.get(LocalServer.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertTrue(LocalServer.refused(port));
    }

    private void stopInBackground(Duration delay) {
        stopping = CompletableFuture.runAsync(() -> server.server().stop(delay, LocalServer.PATIENCE));
    }
}
