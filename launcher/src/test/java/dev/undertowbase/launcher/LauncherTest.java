package dev.undertowbase.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

    private static final List<String> SPEC_KEYS = List.of("app_module", "config_file", "cores", "workers_per_core",
        "max_workers", "web_concurrency", "io_threads", "threads", "worker_threads", "host", "port", "bind",
        "log_level", "timeout", "keep_alive", "graceful_timeout", "access_log", "error_log");

    @TempDir
    Path appDir;

    @Test
    void printConfigPrintsOneJsonLineWithTheSpecKeys() {
        String out = printConfig(4, "WEB_CONCURRENCY", "3");

        assertEquals(1, out.lines().count(), out);
        Config json = ConfigFactory.parseString(out);
        for (String key : SPEC_KEYS) {
            assertTrue(json.hasPathOrNull(key), key + " in " + out);
        }
        assertTrue(json.hasPath("classpath") && json.hasPath("undertow_version"), out);
        assertTrue(out.contains("\"max_workers\":null"), out);
        assertTrue(out.contains("\"port\":8080"), "port is a number: " + out);
        assertEquals(4, json.getInt("cores"));
        assertEquals(3, json.getInt("web_concurrency"));
        assertEquals(3, json.getInt("io_threads"));
        assertEquals(24, json.getInt("worker_threads"));
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
    void printConfigNamesTheAppConfigFileAndClassPath() throws Exception {
        ConfigPrecedenceTest.write(appDir.resolve("server.conf"), "server.threads = 2");
        TestApps.jar(appDir.resolve("app.jar"),
            Map.of("app.Main", TestApps.source("app.Main", "public static final HttpHandler app = new Marker();")), Map.of());

        Config json = ConfigFactory.parseString(printConfig(2));

        assertEquals(appDir.resolve("server.conf").toString(), json.getString("config_file"));
        assertEquals(List.of(appDir.resolve("app.jar").toString()), json.getStringList("classpath"));
        assertEquals("app.Main:app", json.getString("app_module"));
    }

    @Test
    void servesTheAppAndExitsZeroOnSigterm() throws Exception {
        TestApps.compile(appDir.resolve("classes"), Map.of("app.Main",
            TestApps.source("app.Main", "public static final HttpHandler app = new Marker(\"Hello World!\");")));
        LauncherProcess launcher = LauncherProcess.start(TestEnv.env(appDir, "HOST", "127.0.0.1", "PORT", "0"));
        try {
            int port = awaitListening(launcher);

            HttpResponse<String> response = HttpClient.newHttpClient().send(
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
            assertTrue(Pattern.compile("Listening on http://127\\.0\\.0\\.1:\\d+ \\(\\d+ IO threads, \\d+ worker threads\\), "
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

    /** Polls stderr for the "Listening on" line and returns its port. */
    private static int awaitListening(LauncherProcess launcher) throws Exception {
        Pattern listening = Pattern.compile("Listening on http://127\\.0\\.0\\.1:(\\d+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && launcher.process.isAlive()) {
            Matcher matcher = listening.matcher(launcher.stderr());
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no Listening line; stderr:\n" + launcher.stderr());
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
