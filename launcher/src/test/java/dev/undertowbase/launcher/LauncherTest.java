package dev.undertowbase.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.undertowbase.launcher.app.DemoApp;
import dev.undertowbase.launcher.testing.Poll;
import dev.undertowbase.launcher.testing.TestApps;
import dev.undertowbase.launcher.testing.TestEnv;
import dev.undertowbase.launcher.testing.TlsFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;



class LauncherTest {

    private static final List<String> DOCUMENTED_KEYS = List.of("app_module", "config_file", "cores", "workers_per_core",
        "max_workers", "web_concurrency", "io_threads", "worker_pool", "threads", "worker_threads", "carrier_threads", "host", "port", "bind",
        "log_level", "timeout", "keep_alive", "graceful_timeout", "access_log", "error_log", "shutdown_delay",
        "liveness_path", "readiness_path", "ready_check", "access_log_probes", "limit_concurrency", "log_format",
        "forwarded_allow_ips", "google_cloud_project", "http2", "tls_cert_file", "tls_key_file");

    @TempDir
    Path appDir;

    @Test
    void printConfigPrintsOneJsonLineWithTheSpecKeys() {
        String out = printConfig(4, "WEB_CONCURRENCY", "3");

        assertEquals(1, out.lines().count(), out);
        Config json = ConfigFactory.parseString(out);
        for (String key : DOCUMENTED_KEYS) {
            assertTrue(json.hasPathOrNull(key), key + " in " + out);
        }
        assertTrue(json.hasPath("classpath") && json.hasPath("undertow_version"), out);
        assertTrue(out.contains("\"max_workers\":null"), out);
        assertTrue(out.contains("\"port\":8080"), "port is a number: " + out);
        assertEquals(4, json.getInt("cores"));
        assertEquals(3, json.getInt("web_concurrency"));
        assertEquals(3, json.getInt("io_threads"));
        assertEquals("virtual", json.getString("worker_pool"));
        assertTrue(json.getIsNull("threads") && json.getIsNull("worker_threads"), "no pool size: " + out);
        assertEquals(4, json.getInt("carrier_threads"));
        assertEquals(DemoApp.class.getName(), json.getString("app_module"));
    }

    @Test
    void printConfigShowsWhatBindSays() {
        Config json = ConfigFactory.parseString(printConfig(2, "HOST", "10.1.2.3", "PORT", "1", "BIND", "127.0.0.1:9999"));

        assertEquals("127.0.0.1", json.getString("host"));
        assertEquals(9999, json.getInt("port"));
        assertEquals("127.0.0.1:9999", json.getString("bind"));
    }

    @Test
    void printConfigShowsHttp2AndTheTlsFiles() {
        Config defaults = ConfigFactory.parseString(printConfig(2));
        Config tls = ConfigFactory.parseString(printConfig(2, "HTTP2", "false",
            "TLS_CERT_FILE", TlsFixtures.path("rsa.crt").toString(), "TLS_KEY_FILE", TlsFixtures.path("rsa-pkcs1.key").toString()));

        assertTrue(defaults.getBoolean("http2"));
        assertTrue(defaults.getIsNull("tls_cert_file") && defaults.getIsNull("tls_key_file"), defaults.toString());
        assertFalse(tls.getBoolean("http2"));
        assertEquals(TlsFixtures.path("rsa.crt").toString(), tls.getString("tls_cert_file"));
        assertEquals(TlsFixtures.path("rsa-pkcs1.key").toString(), tls.getString("tls_key_file"));
    }

    @Test
    void printConfigNamesTheAppConfigFileAndClassPath() throws Exception {
        TestEnv.write(appDir.resolve("server.conf"), "server.threads = 2");
        TestApps.jar(appDir.resolve("app.jar"),
            Map.of("app.Main", TestApps.source("app.Main", "public static final HttpHandler app = new Marker();")), Map.of());

        Config json = ConfigFactory.parseString(printConfig(2));

        assertEquals(appDir.resolve("server.conf").toString(), json.getString("config_file"));
        assertEquals(List.of(appDir.resolve("app.jar").toString()), json.getStringList("classpath"));
        assertEquals("app.Main:app", json.getString("app_module"));
    }

    @Test
    void printConfigShowsTheProbeShutdownAndSheddingSettings() throws Exception {
        TestApps.compile(appDir.resolve("classes"), Map.of("app.Main", TestApps.source("app.Main",
            "public static final HttpHandler app = new Marker(); public static boolean ready() { return true; }")));

        String out = printConfig(2, "SHUTDOWN_DELAY", "5", "LIMIT_CONCURRENCY", "4", "LIVENESS_PATH", "");

        assertTrue(out.contains("\"shutdown_delay\":5,"), out);
        assertTrue(out.contains("\"limit_concurrency\":4,"), out);
        assertTrue(out.contains("\"liveness_path\":\"\","), "off: " + out);
        assertTrue(out.contains("\"readiness_path\":\"/readyz\","), out);
        assertTrue(out.contains("\"ready_check\":\"app.Main:ready\","), "the discovered check: " + out);
        assertTrue(out.contains("\"access_log_probes\":false,"), out);
    }

    @Test
    void aSecondSigtermCutsTheShutdownDelayShort() throws Exception {
        TestApps.compile(appDir.resolve("classes"), Map.of("app.Main",
            TestApps.source("app.Main", "public static final HttpHandler app = new Marker(\"app\");")));
        Path healthcheckFile = appDir.resolve("healthcheck");
        LauncherProcess launcher = LauncherProcess.start(TestEnv.env(appDir, "HOST", "127.0.0.1", "PORT", "0",
            "SHUTDOWN_DELAY", "120", "HEALTHCHECK_FILE", healthcheckFile.toString()));
        try {
            int port = awaitListening(launcher);
            // written after the signal handlers are in place
            awaitFile(launcher, healthcheckFile);

            launcher.process.destroy();
            Poll.until(Duration.ofSeconds(20), () -> "the delay's line; stderr:\n" + launcher.stderr(),
                () -> launcher.stderr().contains("Shutdown: readiness answers 503; still serving for 120.0s (SHUTDOWN_DELAY)"));
            assertEquals(503, get(port, "/readyz").statusCode());
            assertEquals("app", get(port, "/").body());
            launcher.process.destroy();

            assertTrue(launcher.process.waitFor(20, TimeUnit.SECONDS), "exits long before the 120 s delay ends");
            assertEquals(0, launcher.process.exitValue());
            assertTrue(launcher.stderr().contains("Shutdown delay cut short by a second signal"), launcher.stderr());
        } finally {
            launcher.process.destroyForcibly();
        }
    }

    @Test
    void theHealthcheckFileNamesTheBoundPortAndTheLivenessPath() throws Exception {
        Path healthcheckFile = appDir.resolve("healthcheck");
        LauncherProcess launcher = LauncherProcess.start(TestEnv.env(appDir, "BIND", "127.0.0.1:0",
            "LIVENESS_PATH", "/alive", "HEALTHCHECK_FILE", healthcheckFile.toString()));
        try {
            int port = awaitListening(launcher);

            assertEquals("127.0.0.1 " + port + " /alive\n", awaitFile(launcher, healthcheckFile));
        } finally {
            launcher.process.destroyForcibly();
        }
    }

    private static String awaitFile(LauncherProcess launcher, Path file) {
        return Poll.until(Duration.ofSeconds(20), () -> file + "; stderr:\n" + launcher.stderr(), () -> {
            try {
                return Optional.of(Files.readString(file));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheAppAndExitsZeroOnSigterm() throws Exception {
        TestApps.compile(appDir.resolve("classes"), Map.of("app.Main",
            TestApps.source("app.Main", "public static final HttpHandler app = new Marker(\"Hello World!\");")));
        LauncherProcess launcher = LauncherProcess.start(TestEnv.env(appDir, "HOST", "127.0.0.1", "PORT", "0"));
        try {
            int port = awaitListening(launcher);

            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals("Hello World!", response.body());

            launcher.process.destroy();
            assertTrue(launcher.process.waitFor(20, TimeUnit.SECONDS), "exits after SIGTERM");
            assertEquals(0, launcher.process.exitValue());
            List<String> lines = launcher.stdout().lines().toList();
            assertTrue(lines.get(0).startsWith("{") && lines.get(0).contains("\"app_module\":\"app.Main:app\""), lines.get(0));
            assertTrue(lines.get(1).contains("\"GET / HTTP/1.1\" 200"), "access log line: " + lines);
        } finally {
            launcher.process.destroyForcibly();
        }
    }

    @Test
    void printConfigShowsTheLogFormatProjectAndTrustedProxies() {
        Config json = ConfigFactory.parseString(printConfig(2, "LOG_FORMAT", "json", "GOOGLE_CLOUD_PROJECT", "my-project",
            "FORWARDED_ALLOW_IPS", "*"));

        assertEquals("json", json.getString("log_format"));
        assertEquals("my-project", json.getString("google_cloud_project"));
        assertEquals("*", json.getString("forwarded_allow_ips"));
    }

    /**
     * README, Structured logs: the text format (the default) never loads the JSON library, so it
     * costs the default start nothing; JSON lines do load it, and so does the training run of the
     * start-up cache (README, Start-up cache), so that the cache holds it for JSON starts.
     */
    @ParameterizedTest(name = "LOG_FORMAT={0}, training {1}")
    @CsvSource({"text, false, false", "json, false, true", "text, true, true"})
    void onlyJsonLinesAndTheTrainingRunLoadTheJsonLibrary(String format, boolean training, boolean loaded)
        throws Exception {
        Path classLog = appDir.resolve("classes.log");
        String options = "-Xlog:class+load=info:file=" + classLog
            + (training ? " -D" + Launcher.TRAINING_PROPERTY + "=true" : "");
        LauncherProcess launcher = LauncherProcess.start(TestEnv.env(appDir, "HOST", "127.0.0.1", "PORT", "0",
            "LOG_FORMAT", format, "JAVA_TOOL_OPTIONS", options));
        try {
            int port = awaitListening(launcher);
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
            Poll.until(Duration.ofSeconds(10), () -> "an access line; stdout:\n" + launcher.stdout(),
                () -> launcher.stdout().lines().count() >= 2);
            launcher.process.destroy();
            assertTrue(launcher.process.waitFor(20, TimeUnit.SECONDS), "exits after SIGTERM");

            assertEquals(loaded, Files.readString(classLog).contains("com.fasterxml.jackson"), "Jackson loaded");
        } finally {
            launcher.process.destroyForcibly();
        }
    }

    @Test
    void stderrHoldsOnlyLogLinesWhileServing() throws Exception {
        LauncherProcess launcher = LauncherProcess.start(TestEnv.env(appDir, "HOST", "127.0.0.1", "PORT", "0"));
        try {
            awaitListening(launcher);
            Pattern logLine = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z (INFO |WARN ) \\[.*");
            for (String line : launcher.stderr().lines().toList()) {
                assertTrue(logLine.matcher(line).matches(), () -> "not a log line (SLF4J or logback chatter?): " + line);
            }
        } finally {
            launcher.process.destroyForcibly();
        }
    }

    @Test
    void listeningLineSaysHowLongTheStartTook() throws Exception {
        LauncherProcess launcher = LauncherProcess.start(TestEnv.env(appDir, "HOST", "127.0.0.1", "PORT", "0"));
        try {
            awaitListening(launcher);
            assertTrue(Pattern.compile("Listening on http://127\\.0\\.0\\.1:\\d+ \\(\\d+ IO threads, [^)]+\\), "
                + "\\d+\\.\\d{3} s after the JVM started").matcher(launcher.stderr()).find(), launcher.stderr());
        } finally {
            launcher.process.destroyForcibly();
        }
    }

    @Test
    void appCanUseThePlatformMBeanServer() throws Exception {
        TestApps.compile(appDir.resolve("classes"), Map.of("app.Main", TestApps.source("app.Main", """
            public interface ProbeMBean { int getAnswer(); }
            public static final class Probe implements ProbeMBean { public int getAnswer() { return 42; } }
            public static final HttpHandler app;
            static {
                try {
                    javax.management.ObjectName name = new javax.management.ObjectName("app:type=Probe");
                    java.lang.management.ManagementFactory.getPlatformMBeanServer().registerMBean(new Probe(), name);
                    app = exchange -> exchange.getResponseSender().send(String.valueOf(
                        java.lang.management.ManagementFactory.getPlatformMBeanServer().getAttribute(name, "Answer")));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            """)));
        LauncherProcess launcher = LauncherProcess.start(TestEnv.env(appDir, "HOST", "127.0.0.1", "PORT", "0"));
        try {
            int port = awaitListening(launcher);
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals("42", response.body(), launcher.stderr());
        } finally {
            launcher.process.destroyForcibly();
        }
    }

    /** The port of the "Listening on" line, once the launcher logs it. */
    private static int awaitListening(LauncherProcess launcher) {
        Pattern listening = Pattern.compile("Listening on http://127\\.0\\.0\\.1:(\\d+)");
        return Poll.until(Duration.ofSeconds(30), () -> "a Listening line; stderr:\n" + launcher.stderr(), () -> {
            Matcher matcher = listening.matcher(launcher.stderr());
            if (matcher.find()) {
                return Optional.of(Integer.parseInt(matcher.group(1)));
            }
            if (!launcher.process.isAlive()) {
                throw new AssertionError("the launcher ended; stderr:\n" + launcher.stderr());
            }
            return Optional.empty();
        });
    }

    private String printConfig(int cores, String... env) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Launcher.run(new String[] {"--print-config"}, TestEnv.env(appDir, env), cores,
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
