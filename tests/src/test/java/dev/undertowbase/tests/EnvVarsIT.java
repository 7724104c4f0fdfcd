package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.undertowbase.launcher.testing.Poll;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each variable of README, Environment variables, changes what it should. The JSON comes from
 * --print-config, run by docker exec in one container per tag limited to --cpus=1, so the expected
 * thread counts do not depend on the machine; variables whose effect is behaviour are checked on
 * servers of their own.
 */
@EveryTag
class EnvVarsIT {

    private static Server oneCpu;

    @Parameter
    String tag;

    @BeforeParameterizedClassInvocation
    static void startOneCpuContainer(String tag) {
        oneCpu = ImageRun.of(tag).cpus(1).start();
    }

    @AfterParameterizedClassInvocation
    static void stopOneCpuContainer() {
        oneCpu.close();
    }

    /** Variables as "NAME=value NAME=value", then the expected JSON with one core (worker threads "-": null). */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            ''                                     | 2 | virtual  | -
            WORKERS_PER_CORE=3.5                   | 3 | virtual  | -
            WORKER_POOL=platform                   | 2 | platform | 16
            WORKER_POOL=platform WORKERS_PER_CORE=0.5 | 2 | platform | 16
            WORKERS_PER_CORE=4 MAX_WORKERS=3 WORKER_POOL=platform | 3 | platform | 24
            WEB_CONCURRENCY=1 WORKER_POOL=platform | 1 | platform | 8
            WEB_CONCURRENCY=5 MAX_WORKERS=3        | 5 | virtual  | -
            THREADS=3                              | 2 | platform | 6
            THREADS=3 WORKER_THREADS=17            | 2 | platform | 17
            WEB_CONCURRENCY=3 WORKER_THREADS=4     | 3 | platform | 4
            WORKER_POOL=virtual                    | 2 | virtual  | -
            """)
    void threadCountsFollowTheFormulas(String variables, int ioThreads, String pool, Integer workerThreads) {
        Map<String, String> env = parse(variables);
        JsonNode config = printConfig(env);
        assertEquals(1, config.get("cores").asInt(), "--cpus=1");
        assertEquals(ioThreads, config.get("io_threads").asInt(), "io_threads");
        assertEquals(pool, config.get("worker_pool").asText(), "worker_pool");
        if (workerThreads == null) {
            assertTrue(config.get("worker_threads").isNull(), "worker_threads: " + config);
        } else {
            assertEquals(workerThreads, config.get("worker_threads").asInt(), "worker_threads");
        }
        if (env.containsKey("WORKERS_PER_CORE")) {
            assertEquals(Double.parseDouble(env.get("WORKERS_PER_CORE")), config.get("workers_per_core").asDouble());
        }
        if (env.containsKey("MAX_WORKERS")) {
            assertEquals(Integer.parseInt(env.get("MAX_WORKERS")), config.get("max_workers").asInt());
        }
        if (env.containsKey("WEB_CONCURRENCY")) {
            assertEquals(Integer.parseInt(env.get("WEB_CONCURRENCY")), config.get("web_concurrency").asInt());
        }
        if (env.containsKey("THREADS")) {
            assertEquals(Integer.parseInt(env.get("THREADS")), config.get("threads").asInt());
        }
    }

    @Test
    void hostAndTimingsReachTheConfiguration() {
        JsonNode config = printConfig(Map.of("HOST", "127.0.0.1", "TIMEOUT", "7", "KEEP_ALIVE", "1",
                "GRACEFUL_TIMEOUT", "9", "LOG_LEVEL", "debug"));
        assertEquals("127.0.0.1", config.get("host").asText());
        assertEquals(8080, config.get("port").asInt());
        assertEquals("127.0.0.1:8080", config.get("bind").asText());
        assertEquals(7, config.get("timeout").asInt());
        assertEquals(1, config.get("keep_alive").asInt());
        assertEquals(9, config.get("graceful_timeout").asInt());
        assertEquals("debug", config.get("log_level").asText());
    }

    @Test
    void requestLimitsReachTheConfiguration() {
        JsonNode config = printConfig(Map.of("HEADER_TIMEOUT", "4", "MAX_HEADER_SIZE", "16k", "MAX_HEADERS", "50",
                "MAX_BODY_SIZE", "5m"));
        assertEquals(4, config.get("header_timeout").asInt());
        assertEquals(16384, config.get("max_header_size").asInt());
        assertEquals(50, config.get("max_headers").asInt());
        assertEquals(5 << 20, config.get("max_body_size").asInt());
        assertTrue(printConfig(Map.of("MAX_BODY_SIZE", "0")).get("max_body_size").isNull(), "0 is no limit");
    }

    /** Listener variables, and the address the server then listens on. */
    static Stream<Arguments> listenerCases() {
        return Stream.of(
                argumentSet("PORT moves the listener", Map.of("PORT", "9000"), "0.0.0.0", 9000),
                argumentSet("BIND wins over HOST and PORT",
                        Map.of("HOST", "127.0.0.1", "PORT", "9000", "BIND", "0.0.0.0:7000"), "0.0.0.0", 7000));
    }

    @ParameterizedTest
    @MethodSource("listenerCases")
    void listener(Map<String, String> env, String host, int port) {
        ImageRun run = ImageRun.of(tag).port(port);
        env.forEach(run::env);
        try (Server server = run.start()) {
            JsonNode config = server.config();
            assertEquals(host, config.get("host").asText());
            assertEquals(port, config.get("port").asInt());
            assertEquals(host + ":" + port, config.get("bind").asText());
            assertEquals(200, server.get("/").statusCode());
            server.awaitStderr("Listening on http://" + host + ":" + port);
        }
    }

    /** The demo app's warning (an empty /app) shows that WARN lines still pass. */
    @Test
    void logLevelWarningHidesInfoLines() {
        try (Server server = ImageRun.of(tag).env("LOG_LEVEL", "warning").start()) {
            assertEquals("warning", server.config().get("log_level").asText());
            assertEquals(200, server.get("/").statusCode());
            server.awaitStdout("\"GET / HTTP/1.1\" 200");
            assertTrue(server.stderr().toLowerCase().contains("demo"), () -> "the WARN line; " + server.logs());
            assertFalse(server.stderr().contains("Listening on"), () -> "no INFO lines; " + server.logs());
            assertFalse(server.stderr().contains(" INFO "), () -> "no INFO lines; " + server.logs());
        }
    }

    @Test
    void emptyAccessLogWritesNoAccessLines() {
        try (Server server = ImageRun.of(tag).env("ACCESS_LOG", "").app(TestApps.jarApp(TestApps.HELLO)).start()) {
            assertEquals("Hello World!", server.get("/?from=no-access-log").body());
            // Stopping drains the server and flushes every log, so absence is final.
            server.signal("TERM");
            assertEquals(0, server.awaitExit(Duration.ofSeconds(20)), server::logs);
            assertEquals(0, Output.accessLines(server.stdout() + server.stderr(), "GET /?from=no-access-log HTTP/1.1"),
                    server::logs);
            assertTrue(server.stderr().contains("Listening on"), server::logs);
        }
    }

    @Test
    void logsGoToTheNamedFiles() {
        try (Server server = ImageRun.of(tag)
                .env("ERROR_LOG", "/tmp/error.log").env("ACCESS_LOG", "/tmp/access.log")
                .app(TestApps.jarApp(TestApps.HELLO)).start()) {
            JsonNode config = server.config();
            assertEquals("/tmp/error.log", config.get("error_log").asText());
            assertEquals("/tmp/access.log", config.get("access_log").asText());
            assertEquals("Hello World!", server.get("/?from=file-log").body());
            Poll.until(Duration.ofSeconds(10), () -> "the access line in /tmp/access.log",
                    () -> Output.accessLines(server.fileOrEmpty("/tmp/access.log"), "GET /?from=file-log HTTP/1.1") == 1);
            assertTrue(server.file("/tmp/error.log").contains("Listening on http://0.0.0.0:8080"),
                    () -> server.file("/tmp/error.log"));
            assertFalse(server.stderr().contains("Listening on"), () -> "server logs left stderr; " + server.logs());
            assertEquals(0, Output.accessLines(server.stdout(), "GET /?from=file-log HTTP/1.1"), server::logs);
        }
    }

    @Test
    void keepAliveClosesIdleConnections() throws IOException {
        try (Server server = ImageRun.of(tag).env("KEEP_ALIVE", "1").app(TestApps.jarApp(TestApps.HELLO)).start();
                Socket socket = new Socket(server.uri("/").getHost(), server.mappedPort())) {
            assertEquals(1, server.config().get("keep_alive").asInt());
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readResponse(in);
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            long idleFrom = System.nanoTime();
            int next = in.read();
            Duration idle = Duration.ofNanos(System.nanoTime() - idleFrom);
            assertEquals(-1, next, "the server closes the idle connection rather than sending more");
            assertTrue(idle.compareTo(Duration.ofMillis(500)) > 0 && idle.compareTo(Duration.ofSeconds(4)) < 0,
                    () -> "closed after about KEEP_ALIVE=1 s of idleness, took " + idle.toMillis() + " ms");
        }
    }

    private static JsonNode printConfig(Map<String, String> env) {
        Exit exit = oneCpu.exec(env, "java", "-jar", Output.LAUNCHER_JAR, "--print-config");
        assertEquals(0, exit.code(), exit::logs);
        return exit.config();
    }

    /** Reads one response with a Content-Length body, leaving the connection open. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("connection closed inside the response head: " + head);
            }
            head.append((char) b);
        }
        int length = head.toString().lines()
                .filter(line -> line.regionMatches(true, 0, "Content-Length:", 0, 15))
                .map(line -> Integer.parseInt(line.substring(15).trim()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Content-Length: " + head));
        assertEquals(length, in.readNBytes(length).length, "the whole body");
        return head.toString();
    }

    private static Map<String, String> parse(String variables) {
        Map<String, String> env = new LinkedHashMap<>();
        if (variables != null) {
            for (String pair : variables.trim().split("\\s+")) {
                if (!pair.isEmpty()) {
                    String[] nameValue = pair.split("=", 2);
                    env.put(nameValue[0], nameValue[1]);
                }
            }
        }
        return env;
    }
}
