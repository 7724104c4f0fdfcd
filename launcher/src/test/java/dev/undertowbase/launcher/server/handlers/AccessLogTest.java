package dev.undertowbase.launcher.server.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.undertowbase.launcher.config.ServerConfig;
import dev.undertowbase.launcher.testing.Json;
import dev.undertowbase.launcher.testing.LocalServer;
import dev.undertowbase.launcher.testing.RawHttp;
import dev.undertowbase.launcher.testing.TestEnv;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


class AccessLogTest {

    @TempDir
    Path appDir;

    private AccessLog open(ByteArrayOutputStream stdout) {
        ServerConfig config = TestEnv.load(appDir);
        return AccessLog.open(config.accessLog(), config.logs(), stdout);
    }

    @Test
    void closeWritesEveryLineFromEveryThreadWhole() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        AccessLog log = open(stdout);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 5_000; i++) {
                    log.logMessage("thread " + thread + " line " + i);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        log.close();

        List<String> lines = stdout.toString(StandardCharsets.UTF_8).lines().toList();
        Set<String> distinct = new TreeSet<>(lines);
        assertEquals(40_000, lines.size());
        assertEquals(40_000, distinct.size());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            expected.add("thread 7 line " + i);
        }
        assertEquals(expected, lines.stream().filter(l -> l.startsWith("thread 7 ")).toList(),
            "one thread's lines keep their order");
    }

    @Test
    void aJsonLineIsALogEntryWithTheRequest() {
        try (LocalServer server = LocalServer.start(appDir, exchange -> exchange.getResponseSender().send("ok"),
                "LOG_FORMAT", "json")) {
            server.get("/page?q=1", "User-Agent", "probe/1.0", "Referer", "https://example.com/from",
                "X-Forwarded-For", "203.0.113.7", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "shop.example");

            JsonNode line = Json.parse(server.accessLines(1).get(0));
            assertEquals("INFO", line.get("severity").asText());
            assertEquals("GET /page?q=1 HTTP/1.1 200", line.get("message").asText());
            assertEquals("access-log", line.get("logger").asText());
            assertTrue(line.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), line.toString());
            JsonNode request = line.get("httpRequest");
            assertEquals("GET", request.get("requestMethod").asText());
            assertEquals("https://shop.example/page?q=1", request.get("requestUrl").asText());
            assertEquals(200, request.get("status").asInt());
            assertEquals("2", request.get("responseSize").asText());
            assertEquals("probe/1.0", request.get("userAgent").asText());
            assertEquals("203.0.113.7", request.get("remoteIp").asText());
            assertEquals("https://example.com/from", request.get("referer").asText());
            assertTrue(request.get("latency").asText().matches("\\d+\\.\\d{6}s"), request.toString());
            assertEquals("HTTP/1.1", request.get("protocol").asText());
            assertFalse(line.has("trace_id"), "an untraced request has no ids: " + line);
        }
    }

    @ParameterizedTest(name = "status {0} -> {1}")
    @CsvSource({"200, INFO", "302, INFO", "404, WARNING", "503, ERROR"})
    void aJsonLinesSeverityFollowsTheStatus(int status, String severity) {
        try (LocalServer server = LocalServer.start(appDir, exchange -> exchange.setStatusCode(status).endExchange(),
                "LOG_FORMAT", "json")) {
            server.get("/");

            JsonNode line = Json.parse(server.accessLines(1).get(0));
            assertEquals(severity, line.get("severity").asText());
            assertEquals(status, line.get("httpRequest").get("status").asInt());
        }
    }

    @Test
    void aLineLoggedAfterCloseIsStillWritten() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        AccessLog log = open(stdout);
        log.close();

        log.logMessage("late");

        assertEquals("late\n", stdout.toString(StandardCharsets.UTF_8));
    }

    @Test
    void quotesBackslashesAndControlBytesInFieldsAreEscapedAsNginxDoes() {
        assertEquals("evil\\x22 1.2.3.4 \\x22forged", LogFields.escape("evil\" 1.2.3.4 \"forged"));
        assertEquals("a\\x5Cb\\x0D\\x0A\\xE9\\xE2\\x82\\xAC", LogFields.escape("a\\b\r\n\u00e9\u20ac"));
        assertEquals("plain text stays", LogFields.escape("plain text stays"));
    }

    @Test
    void aForgedUserAgentCannotAddFieldsToTheCombinedLine() throws Exception {
        try (LocalServer server = LocalServer.start(appDir, exchange -> exchange.getResponseSender().send("ok"));
             RawHttp client = RawHttp.connect(server.port())) {
            client.send("GET /ua HTTP/1.1\r\nHost: localhost\r\nReferer: x\"y\r\n"
                + "User-Agent: curl\" 6.6.6.6 \"forged\r\nConnection: close\r\n\r\n").readUntilClosed();
            String line = server.accessLine("GET /ua");
            assertTrue(line.endsWith("\"x\\x22y\" \"curl\\x22 6.6.6.6 \\x22forged\""), line);
            assertEquals(6, line.chars().filter(c -> c == '"').count(), "three quoted fields and no more: " + line);
        }
    }
}
