package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.Version;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/** An image run as-is: README defaults, the demo app, an app in /app, prestart and access log lines. */
@EveryTag
class DefaultsIT {

    /** README, What it prints: the keys the JSON line has at least. */
    static final List<String> JSON_KEYS = List.of("app_module", "config_file", "cores", "workers_per_core",
            "max_workers", "web_concurrency", "io_threads", "threads", "worker_threads", "host", "port", "bind",
            "log_level", "timeout", "keep_alive", "graceful_timeout", "access_log", "error_log");

    /** host ident user [time] "request" status bytes "referer" "user agent" */
    private static final Pattern COMBINED = Pattern.compile(
            "\\S+ \\S+ \\S+ \\[[^\\]]+\\] \"GET /\\?from=defaults HTTP/1\\.1\" 200 \\d+ \"[^\"]*\" \"[^\"]+\"");

    @Parameter
    String tag;

    @Test
    void emptyAppDirServesTheDemoAppWithDefaultSettings() {
        try (Server server = ImageRun.of(tag).start()) {
            JsonNode config = server.config();
            JSON_KEYS.forEach(key -> assertTrue(config.has(key), () -> "JSON has " + key + ": " + config));
            int cores = config.get("cores").asInt();
            assertEquals(Runtime.getRuntime().availableProcessors(), cores, "cores: the container has no limit");
            int ioThreads = Math.max(2, cores);
            assertEquals("0.0.0.0", config.get("host").asText());
            assertTrue(config.get("port").isInt(), "port is a number");
            assertEquals(8080, config.get("port").asInt());
            assertEquals("0.0.0.0:8080", config.get("bind").asText());
            assertEquals(1.0, config.get("workers_per_core").asDouble());
            assertTrue(config.get("max_workers").isNull(), "max_workers unset");
            assertTrue(config.get("web_concurrency").isNull(), "web_concurrency unset");
            assertEquals(ioThreads, config.get("io_threads").asInt());
            assertEquals("virtual", config.get("worker_pool").asText());
            assertTrue(config.get("threads").isNull(), "no platform pool to size");
            assertTrue(config.get("worker_threads").isNull(), "no platform pool to size");
            assertEquals("info", config.get("log_level").asText());
            assertEquals(120, config.get("timeout").asInt());
            assertEquals(5, config.get("keep_alive").asInt());
            assertEquals(30, config.get("graceful_timeout").asInt());
            assertEquals(10, config.get("header_timeout").asInt());
            assertEquals(32768, config.get("max_header_size").asInt());
            assertEquals(100, config.get("max_headers").asInt());
            assertTrue(config.get("max_body_size").asLong() >= 1 << 20, "a body limit derived from the heap: " + config);
            assertEquals("-", config.get("access_log").asText());
            assertEquals("-", config.get("error_log").asText());
            assertEquals("/server-conf/server.conf", config.get("config_file").asText(), "no app conf file");
            assertEquals(Version.getVersionString(), config.get("undertow_version").asText(),
                    "the Undertow the tests compile against");
            assertTrue(config.get("classpath").isArray() && config.get("classpath").isEmpty(), "no app code");

            HttpResponse<String> response = server.get("/?from=defaults");
            assertEquals(200, response.statusCode());
            assertFalse(response.body().isBlank(), "the demo app answers something");

            String output = server.output();
            assertTrue(output.contains("Checking for script in /app/prestart.sh"), output);
            assertTrue(output.contains("There is no script /app/prestart.sh"), output);
            Output.javaCommand(output);
            server.awaitStderr("Listening on http://0.0.0.0:8080");
            String ordered = server.output();
            assertTrue(ordered.indexOf("\"app_module\"") < ordered.indexOf("Listening on"),
                    () -> "the JSON line comes before listening; " + ordered);
            assertTrue(server.stderr().toLowerCase().contains("demo"), () -> "a warning says the demo app runs; "
                    + server.logs());
            server.awaitStdout("\"GET /?from=defaults HTTP/1.1\" 200");
            String accessLine = server.stdout().lines()
                    .filter(line -> line.contains("/?from=defaults")).findFirst().orElseThrow();
            assertTrue(COMBINED.matcher(accessLine).matches(), () -> "combined log format: " + accessLine);
        }
    }

    @Test
    void servesTheExampleApp() {
        try (Server server = ImageRun.of(tag).app(Map.of("hello.jar", TestApps.exampleHelloJar())).start()) {
            HttpResponse<String> root = server.get("/");
            assertEquals(200, root.statusCode());
            assertEquals("Hello, World!", root.body());
            HttpResponse<String> json = server.get("/json");
            assertEquals(200, json.statusCode());
            assertEquals("application/json", json.headers().firstValue("Content-Type").orElse(""));
            assertEquals("{\"message\":\"Hello, World!\"}", json.body());
            JsonNode config = server.config();
            assertEquals("app.Main:app", config.get("app_module").asText());
            assertEquals("[\"/app/hello.jar\"]", config.get("classpath").toString());
            assertFalse(server.stderr().toLowerCase().contains("demo"), () -> "no demo warning; " + server.logs());
            server.awaitStdout("\"GET /json HTTP/1.1\" 200");
        }
    }
}
