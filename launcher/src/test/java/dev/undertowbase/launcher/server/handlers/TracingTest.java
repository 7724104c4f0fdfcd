package dev.undertowbase.launcher.server.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.undertowbase.launcher.config.LogFormat;
import dev.undertowbase.launcher.config.LogLevel;
import dev.undertowbase.launcher.config.LogSettings;
import dev.undertowbase.launcher.config.Sourced;
import dev.undertowbase.launcher.logging.Logging;
import dev.undertowbase.launcher.testing.Json;
import dev.undertowbase.launcher.testing.LocalServer;
import dev.undertowbase.launcher.testing.Poll;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * README, Trace correlation: the app's lines written while serving a traced request carry its ids,
 * on the IO thread and on the thread it dispatches to, and no other request's lines do.
 */
class TracingTest {

    private static final Logger APP = LoggerFactory.getLogger("app");
    private static final String PROJECT = "my-project";

    @TempDir
    Path dir;

    private Path errorLog;
    private LocalServer server;

    @BeforeEach
    void jsonLogsToAFile() {
        errorLog = dir.resolve("error.log");
        Logging.configure(new LogSettings(LogLevel.INFO, new Sourced<>(errorLog.toString(), "ERROR_LOG"), LogFormat.JSON,
            PROJECT));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        Logging.configure(new LogSettings(LogLevel.INFO, new Sourced<>("-", "ERROR_LOG")));
    }

    @Test
    void appLinesOnTheIoThreadAndAfterDispatchCarryTheIds() {
        server = start(exchange -> {
            APP.info("on the IO thread");
            exchange.dispatch(() -> {
                APP.info("on a worker");
                exchange.getResponseSender().send("ok");
            });
        });

        server.get("/", "traceparent", traceparent(1));

        Map<String, JsonNode> lines = appLines(2);
        for (String message : List.of("on the IO thread", "on a worker")) {
            JsonNode line = lines.get(message);
            assertEquals(traceId(1), line.get("trace_id").asText(), line.toString());
            assertEquals(spanId(1), line.get("span_id").asText(), line.toString());
            assertEquals("projects/" + PROJECT + "/traces/" + traceId(1), line.get("logging.googleapis.com/trace").asText());
        }
        assertTrue(lines.get("on a worker").get("thread").asText().contains("task"), lines.get("on a worker").toString());
    }

    @Test
    void concurrentRequestsKeepTheirOwnIds() throws Exception {
        // two worker threads, each task waits for another to be in flight: every thread serves
        // several requests, traced and untraced, while another request is being served
        CyclicBarrier inFlightTogether = new CyclicBarrier(2);
        server = start(exchange -> exchange.dispatch(() -> {
            String n = exchange.getQueryParameters().get("n").getFirst();
            APP.info("before {}", n);
            await(inFlightTogether);
            APP.info("after {}", n);
            exchange.getResponseSender().send(n);
        }), "WORKER_THREADS", "2");

        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int n = 0; n < 16; n++) {
            responses.add(n % 2 == 0
                ? server.getAsync("/?n=" + n, "traceparent", traceparent(n + 1))
                : server.getAsync("/?n=" + n));
        }
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertEquals(200, response.get(LocalServer.PATIENCE.toSeconds(), TimeUnit.SECONDS).statusCode());
        }

        Map<String, JsonNode> lines = appLines(32);
        for (int n = 0; n < 16; n++) {
            for (String message : List.of("before " + n, "after " + n)) {
                JsonNode line = lines.get(message);
                if (n % 2 == 0) {
                    assertEquals(traceId(n + 1), line.path("trace_id").asText(), line.toString());
                } else {
                    assertFalse(line.has("trace_id") || line.has("logging.googleapis.com/trace"), line.toString());
                }
            }
        }
    }

    @Test
    void aDispatchToTheAppsOwnExecutorCarriesTheIds() throws Exception {
        ExecutorService own = Executors.newSingleThreadExecutor(task -> new Thread(task, "app-own-executor"));
        try {
            server = start(exchange -> exchange.dispatch(own, () -> {
                APP.info("on the app's executor");
                exchange.getResponseSender().send("ok");
            }));

            server.get("/", "X-Cloud-Trace-Context", traceId(7) + "/255;o=1");

            JsonNode line = appLines(1).get("on the app's executor");
            assertEquals("app-own-executor", line.get("thread").asText());
            assertEquals(traceId(7), line.get("trace_id").asText());
            assertEquals("00000000000000ff", line.get("span_id").asText());
        } finally {
            own.shutdownNow();
        }
    }

    @Test
    void theAccessLineCarriesTheIdsOfItsRequestOnly() {
        server = start(exchange -> exchange.getResponseSender().send("ok"), "LOG_FORMAT", "json",
            "GOOGLE_CLOUD_PROJECT", PROJECT);

        server.get("/traced", "traceparent", traceparent(3));
        server.get("/untraced");

        Map<String, JsonNode> lines = server.accessLines(2).stream().map(Json::parse)
            .collect(Collectors.toMap(line -> line.get("httpRequest").get("requestUrl").asText().replaceAll(".*/", ""),
                Function.identity()));
        assertEquals(traceId(3), lines.get("traced").get("trace_id").asText());
        assertEquals(spanId(3), lines.get("traced").get("span_id").asText());
        assertEquals("projects/my-project/traces/" + traceId(3), lines.get("traced").get("logging.googleapis.com/trace").asText());
        assertFalse(lines.get("untraced").has("trace_id"), lines.get("untraced").toString());
    }

    private LocalServer start(HttpHandler app, String... env) {
        return LocalServer.start(dir, app, env);
    }

    /** The app's lines by message, once {@code count} of them are in the error log. */
    private Map<String, JsonNode> appLines(int count) {
        return Poll.until(LocalServer.PATIENCE, () -> count + " app lines in " + read(errorLog), () -> {
            List<JsonNode> app = Json.lines(read(errorLog)).stream()
                .filter(line -> line.get("logger").asText().equals("app")).toList();
            return app.size() >= count
                ? java.util.Optional.of(app.stream().collect(Collectors.toMap(line -> line.get("message").asText(),
                    Function.identity())))
                : java.util.Optional.empty();
        });
    }

    private static String traceparent(int n) {
        return "00-" + traceId(n) + "-" + spanId(n) + "-01";
    }

    private static String traceId(int n) {
        return "%032x".formatted(n);
    }

    private static String spanId(int n) {
        return "%016x".formatted(0xabc0 + n);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(LocalServer.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("no second request in flight", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
