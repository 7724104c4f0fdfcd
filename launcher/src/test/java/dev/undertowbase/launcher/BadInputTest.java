package dev.undertowbase.launcher;

import static dev.undertowbase.launcher.testing.TestEnv.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.undertowbase.launcher.testing.TestApps;
import dev.undertowbase.launcher.testing.TestEnv;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** README, Environment variables: each bad input gives one "error:" line naming its source, status 2, no stack trace. */
class BadInputTest {

    @TempDir
    Path appDir;

    @Test
    void nonNumberNamesTheVariable() throws Exception {
        assertBadInput("error: PORT: \"abc\" is not a number", "PORT", "abc");
    }

    @Test
    void nonNumberCountNamesTheVariable() throws Exception {
        assertBadInput("error: THREADS: \"eight\" is not a number", "THREADS", "eight");
    }

    @Test
    void zeroCountIsRejected() throws Exception {
        assertBadInput("error: WEB_CONCURRENCY: \"0\" must be at least 1", "WEB_CONCURRENCY", "0");
    }

    @Test
    void negativeCountIsRejected() throws Exception {
        assertBadInput("error: MAX_WORKERS: \"-2\" must be at least 1", "MAX_WORKERS", "-2");
    }

    @Test
    void zeroWorkersPerCoreIsRejected() throws Exception {
        assertBadInput("error: WORKERS_PER_CORE: \"0\" must be greater than 0", "WORKERS_PER_CORE", "0");
    }

    @Test
    void negativeTimeoutIsRejected() throws Exception {
        assertBadInput("error: GRACEFUL_TIMEOUT: \"-1\" must not be negative", "GRACEFUL_TIMEOUT", "-1");
    }

    @Test
    void timeoutFinerThanANanosecondIsRejected() throws Exception {
        assertBadInput("error: TIMEOUT: \"0.0000000001\" is finer than a nanosecond", "TIMEOUT", "0.0000000001");
    }

    @Test
    void countWithTooManyDigitsIsRejected() throws Exception {
        assertBadInput("error: THREADS: \"12345678901234567890\" has more than 18 significant digits",
            "THREADS", "12345678901234567890");
    }

    @Test
    void sizeThatIsNotOneIsRejected() throws Exception {
        assertBadInput("error: MAX_BODY_SIZE: \"10 MB\" is not a size (bytes, or a number with k, m or g: 32k)",
            "MAX_BODY_SIZE", "10 MB");
    }

    @Test
    void headerSizeOverItsCeilingIsRejected() throws Exception {
        assertBadInput("error: MAX_HEADER_SIZE: \"1g\" is larger than 64m", "MAX_HEADER_SIZE", "1g");
    }

    @Test
    void unknownLogLevelIsRejected() throws Exception {
        assertBadInput("error: LOG_LEVEL: \"verbose\" is not one of debug, info, warning, error, critical",
            "LOG_LEVEL", "verbose");
    }

    @Test
    void malformedBindIsRejected() throws Exception {
        assertBadInput("error: BIND: \"localhost\" is not HOST:PORT (IPv6 as [::]:8080)", "BIND", "localhost");
    }

    @Test
    void badValueInAFileNamesFileLineAndKey() throws Exception {
        Path file = write(appDir.resolve("server.conf"), "# tuning\nserver.threads = 0\n");

        assertBadInput("error: " + file + ":2: server.threads: \"0\" must be at least 1");
    }

    @Test
    void brokenHoconNamesFileAndLine() throws Exception {
        Path file = write(appDir.resolve("server.conf"), "server {\n  port = 8080\n  threads = }\n");

        assertBadInput("error: " + file + ":3: Expecting a value but got wrong token: '}'");
    }

    @Test
    void brokenServerArgsAreNamed() throws Exception {
        assertBadInput("error: SERVER_ARGS:1: ", "SERVER_ARGS", "server.port = [");
    }

    @Test
    void missingNamedConfigFileIsRejected() throws Exception {
        Path missing = appDir.resolve("prod.conf");

        assertBadInput("error: SERVER_CONF: " + missing + " does not exist", "SERVER_CONF", missing.toString());
    }

    @Test
    void unknownAppClassIsRejected() throws Exception {
        assertBadInput("error: APP_MODULE: class com.example.Nope not found in ", "APP_MODULE", "com.example.Nope:app");
    }

    @Test
    void unknownArgumentIsRejected() throws Exception {
        LauncherProcess.Result result = LauncherProcess.run(TestEnv.env(appDir), "--bogus");

        assertOneErrorLine(result, "error: unknown argument \"--bogus\"");
    }

    @Test
    void portInUseNamesThePortVariable() throws Exception {
        TestApps.compile(appDir.resolve("classes"), Map.of("app.Main",
            TestApps.source("app.Main", "public static final HttpHandler app = new Marker();")));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertBadInput("error: PORT: cannot listen on 127.0.0.1:" + port + ": Address already in use",
                "HOST", "127.0.0.1", "PORT", String.valueOf(port));
        }
    }

    private void assertBadInput(String expectedStart, String... env) throws Exception {
        Map<String, String> environment = TestEnv.env(appDir, env);
        LauncherProcess.Result result = LauncherProcess.run(environment);
        assertOneErrorLine(result, expectedStart);
    }

    private static void assertOneErrorLine(LauncherProcess.Result result, String expectedStart) {
        assertEquals(Launcher.BAD_INPUT, result.status(), result.stderr());
        assertEquals(1, result.stderrLines().size(), "one line on stderr:\n" + result.stderr());
        assertTrue(result.stderr().startsWith(expectedStart), "expected " + expectedStart + "\ngot " + result.stderr());
        assertFalse(result.stderr().contains("\tat "), "no stack trace");
        // catches a start that hangs instead of ending; generous, as a loaded CI machine is slow
        assertTrue(result.elapsed().compareTo(Duration.ofSeconds(10)) < 0, "took " + result.elapsed());
    }
}
