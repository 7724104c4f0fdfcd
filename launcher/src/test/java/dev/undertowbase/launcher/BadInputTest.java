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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;


/** README, Environment variables: each bad input gives one "error:" line naming its source, status 2, no stack trace. */
class BadInputTest {

    @TempDir
    Path appDir;

    /** The bad value of a variable, and the error line that names it. */
    @ParameterizedTest(name = "{0}=\"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
        PORT              | abc                  | error: PORT: "abc" is not a number
        THREADS           | eight                | error: THREADS: "eight" is not a number
        WEB_CONCURRENCY   | 0                    | error: WEB_CONCURRENCY: "0" must be at least 1
        MAX_WORKERS       | -2                   | error: MAX_WORKERS: "-2" must be at least 1
        WORKERS_PER_CORE  | 0                    | error: WORKERS_PER_CORE: "0" must be greater than 0
        GRACEFUL_TIMEOUT  | -1                   | error: GRACEFUL_TIMEOUT: "-1" must not be negative
        TIMEOUT           | 0.0000000001         | error: TIMEOUT: "0.0000000001" is finer than a nanosecond
        THREADS           | 12345678901234567890 | error: THREADS: "12345678901234567890" has more than 18 significant digits
        LOG_LEVEL         | verbose              | error: LOG_LEVEL: "verbose" is not one of debug, info, warning, error, critical
        BIND              | localhost            | error: BIND: "localhost" is not HOST:PORT (IPv6 as [::]:8080)
        HOST              | 256.1.1.1            | error: HOST: unknown host 256.1.1.1
        WORKER_THREADS    | 1048576              | error: WORKER_THREADS: "1048576" is more than the 1048575 worker threads the pool allows
        WORKER_POOL       | green                | error: WORKER_POOL: "green" is not one of virtual, platform
        ACCESS_LOG_FORMAT | '%{'                 | error: ACCESS_LOG_FORMAT: "%{" has a %{ without its closing }
        ACCESS_LOG_FORMAT | '%Z %Q'              | error: ACCESS_LOG_FORMAT: "%Z %Q": unknown attribute %Z (a literal percent sign is %%)
        ACCESS_LOG_FORMAT | ''                   | error: ACCESS_LOG_FORMAT: is empty (ACCESS_LOG= switches the access log off)
        ACCESS_LOG_FORMAT | combned              | error: ACCESS_LOG_FORMAT: "combned" is neither a format name (combined, combinedobf, common, commonobf, commonv) nor a pattern: it has no % attribute
        ACCESS_LOG_FORMAT | '%{time,nope}'       | error: ACCESS_LOG_FORMAT: "%{time,nope}": %{time,nope} is not a date format: Illegal pattern character 'n'
        SERVER_ARGS       | server.prot = 9000   | error: SERVER_ARGS:1: server.prot: unknown setting (did you mean server.port?)
        APP_DIR           | /nonexistent         | error: APP_DIR: /nonexistent is not a directory
        """)
    void badValueNamesItsVariable(String variable, String value, String error) throws Exception {
        assertBadInput(error, variable, value);
    }

    @Test
    void poolSizeWithTheVirtualPoolNamesBothSources() throws Exception {
        Path file = write(appDir.resolve("server.conf"), "# tuning\nserver.threads = 4\n");

        assertBadInput("error: " + file + ":2: server.threads: \"4\" sizes a platform pool, but WORKER_POOL is virtual",
            "WORKER_POOL", "virtual");
    }

    @Test
    void tooManyWorkerThreadsNamesThreads() throws Exception {
        assertBadInput("error: THREADS: 2 IO threads x 99999999 threads is more than the 1048575 worker threads the pool allows",
            "WEB_CONCURRENCY", "2", "THREADS", "99999999");
    }

    @Test
    void ioThreadsBeyondTheOpenFileLimitNameTheirVariable() throws Exception {
        compileAnApp();
        LauncherProcess.Result result = LauncherProcess.run(TestEnv.env(appDir, "WEB_CONCURRENCY", "500"), 256);

        assertOneErrorLine(result, "error: WEB_CONCURRENCY: cannot start 500 IO threads: ");
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
        compileAnApp();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertBadInput("error: PORT: cannot listen on 127.0.0.1:" + port + ": Address already in use",
                "HOST", "127.0.0.1", "PORT", String.valueOf(port));
        }
    }

    /** 192.0.2.1 (TEST-NET-1, RFC 5737) is no address of any test machine. */
    @Test
    void hostThisMachineDoesNotHaveNamesHost() throws Exception {
        compileAnApp();

        assertBadInput("error: HOST: cannot listen on 192.0.2.1:8080: Cannot assign requested address",
            "HOST", "192.0.2.1", "PORT", "8080");
    }

    /** An app in APP_DIR, for errors that come after discovery (an empty APP_DIR would log the demo app's warning first). */
    private void compileAnApp() throws IOException {
        TestApps.compile(appDir.resolve("classes"), Map.of("app.Main",
            TestApps.source("app.Main", "public static final HttpHandler app = new Marker();")));
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
