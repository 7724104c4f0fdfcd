package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.undertowbase.launcher.testing.Json;
import dev.undertowbase.launcher.testing.Poll;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * README, Structured logs and Trace correlation, in one container per tag with LOG_FORMAT=json:
 * every server, app and access line is one JSON object in Cloud Logging's shape, and a traced
 * request's lines, on the IO thread and on a worker, carry its ids and only its ids.
 */
@EveryTag
class StructuredLogsIT {

    private static final String PROJECT = "my-project";

    private static Server json;

    @Parameter
    String tag;

    @BeforeParameterizedClassInvocation
    static void startJsonServer(String tag) {
        json = ImageRun.of(tag).app(TestApps.jarApp(LogApps.APP))
                .env("LOG_FORMAT", "json").env("GOOGLE_CLOUD_PROJECT", PROJECT).env("WORKER_THREADS", "2")
                .env("FORWARDED_ALLOW_IPS", "*")
                .start();
    }

    @AfterParameterizedClassInvocation
    static void stopJsonServer() {
        json.close();
    }

    @Test
    void everyServerAppAndAccessLineIsOneJsonObject() {
        assertEquals(200, json.get("/hello?from=json", "User-Agent", "probe/1.0").statusCode());

        JsonNode app = await(() -> "the app's line", json::stderr, line -> line.path("message").asText()
                .equals("hello from /hello"));
        assertEquals("INFO", app.get("severity").asText());
        assertEquals("app", app.get("logger").asText());
        assertTrue(app.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), app::toString);
        assertTrue(app.get("thread").asText().contains("I/O"), app::toString);
        for (JsonNode line : Json.lines(json.stderr())) {
            assertTrue(line.has("time") && line.has("severity") && line.has("message") && line.has("logger")
                    && line.has("thread"), line::toString);
        }
        assertTrue(Json.lines(json.stderr()).stream().anyMatch(line -> line.get("message").asText()
                .startsWith("Listening on http://0.0.0.0:8080")), json::logs);

        JsonNode access = await(() -> "the access line", json::stdout, line -> line.path("message").asText()
                .equals("GET /hello?from=json HTTP/1.1 200"));
        JsonNode request = access.get("httpRequest");
        assertEquals("GET", request.get("requestMethod").asText());
        assertTrue(request.get("requestUrl").asText().matches("http://localhost:\\d+/hello\\?from=json"), request::toString);
        assertEquals(200, request.get("status").asInt());
        assertEquals("2", request.get("responseSize").asText());
        assertEquals("probe/1.0", request.get("userAgent").asText());
        assertTrue(request.get("latency").asText().matches("\\d+\\.\\d{6}s"), request::toString);
        assertEquals("HTTP/1.1", request.get("protocol").asText());
        assertEquals("json", json.config().get("log_format").asText());
        assertEquals(PROJECT, json.config().get("google_cloud_project").asText());
    }

    @Test
    void aStackTraceIsOneJsonLineThatParses() {
        assertEquals(500, json.get("/boom", "traceparent", LogApps.traceparent(900)).statusCode());

        JsonNode failure = await(() -> "the failure's line", json::stderr,
                line -> line.path("stack_trace").asText().contains("boom on purpose"));
        assertEquals("ERROR", failure.get("severity").asText());
        String trace = failure.get("stack_trace").asText();
        assertTrue(trace.startsWith("java.lang.IllegalStateException: boom on purpose\n\tat "), trace);
        assertTrue(trace.contains("app.Main.") && trace.contains("\n\tat io.undertow."), trace);
        assertEquals(LogApps.traceId(900), failure.get("trace_id").asText(), "a BlockingHandler's failure is traced");
        assertFalse(json.stderr().lines().anyMatch(line -> line.startsWith("\tat ")), "no stack trace line of its own");
        JsonNode access = await(() -> "the access line", json::stdout, line -> line.path("message").asText()
                .equals("GET /boom HTTP/1.1 500"));
        assertEquals("ERROR", access.get("severity").asText());
    }

    @Test
    void aTraceIdAppearsOnAWorkerLineAndNeverOnAConcurrentRequestsLine() throws Exception {
        // two worker threads and each task waits for a second one in flight: every worker serves
        // traced and untraced requests, each beside another
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            responses.add(n % 2 == 0
                    ? Http.getAsync(json.uri("/work/" + n), Duration.ofSeconds(30), "traceparent", LogApps.traceparent(n))
                    : Http.getAsync(json.uri("/work/" + n), Duration.ofSeconds(30)));
        }
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertEquals(200, response.get(30, TimeUnit.SECONDS).statusCode());
        }

        for (int n = 0; n < 12; n++) {
            for (String message : List.of("io " + n, "worker " + n + " before", "worker " + n + " after")) {
                JsonNode line = await(() -> "\"" + message + "\"", json::stderr,
                        candidate -> candidate.path("message").asText().equals(message));
                if (n % 2 == 0) {
                    assertEquals(LogApps.traceId(n), line.path("trace_id").asText(), line::toString);
                    assertEquals(LogApps.spanId(n), line.path("span_id").asText(), line::toString);
                    assertEquals("projects/" + PROJECT + "/traces/" + LogApps.traceId(n),
                            line.path("logging.googleapis.com/trace").asText(), line::toString);
                } else {
                    assertFalse(line.has("trace_id") || line.has("logging.googleapis.com/trace"), line::toString);
                }
            }
            int request = n;
            JsonNode access = await(() -> "the access line of /work/" + request, json::stdout,
                    line -> line.path("message").asText().equals("GET /work/" + request + " HTTP/1.1 200"));
            assertEquals(n % 2 == 0 ? LogApps.traceId(n) : "", access.path("trace_id").asText(), access::toString);
        }
        assertTrue(await(() -> "a worker line", json::stderr, line -> line.path("message").asText()
                .equals("worker 0 after")).get("thread").asText().contains("task"));
    }

    @Test
    void cloudRunsTraceHeaderCorrelatesToo() {
        json.get("/cloud-trace", "X-Cloud-Trace-Context", LogApps.traceId(901) + "/255;o=1");

        JsonNode app = await(() -> "the app's line", json::stderr, line -> line.path("message").asText()
                .equals("hello from /cloud-trace"));
        assertEquals(LogApps.traceId(901), app.get("trace_id").asText());
        assertEquals("00000000000000ff", app.get("span_id").asText());
        assertEquals("00000000000000ff", app.get("logging.googleapis.com/spanId").asText());
    }

    @Test
    void textLinesEndWithTheTraceIds() {
        try (Server text = ImageRun.of(tag).app(TestApps.jarApp(LogApps.APP)).start()) {
            text.get("/text", "traceparent", LogApps.traceparent(902));

            text.awaitStderr("app - hello from /text trace_id=" + LogApps.traceId(902) + " span_id=" + LogApps.spanId(902));
            text.awaitStdout("\"GET /text HTTP/1.1\" 200");
        }
    }

    @Test
    void anAccessLogPatternWithJsonLinesIsRejected() {
        Exit exit = ImageRun.of(tag).env("LOG_FORMAT", "json").env("ACCESS_LOG_FORMAT", "common").run();

        Rejections.assertRejected(exit, "ACCESS_LOG_FORMAT", "LOG_FORMAT is json");
    }

    /** The first JSON line of {@code output} that matches, once it is written; every line read must be JSON. */
    private static JsonNode await(Supplier<String> what, Supplier<String> output, Predicate<JsonNode> matches) {
        return Poll.until(Duration.ofSeconds(15), () -> what.get() + "; " + json.logs(),
                () -> Json.lines(jsonLinesOf(output.get())).stream().filter(matches).findFirst());
    }

    /** stdout holds start.sh's text lines and the config line besides the access lines. */
    private static String jsonLinesOf(String output) {
        return String.join("\n", output.lines()
                .filter(line -> !line.isBlank() && !line.contains("\"app_module\":"))
                .filter(line -> line.startsWith("{") || !isStartScriptLine(line))
                .toList());
    }

    private static boolean isStartScriptLine(String line) {
        return line.startsWith("Checking for script") || line.startsWith("There is no script")
                || line.startsWith("Running script") || line.startsWith("+ exec ");
    }
}
