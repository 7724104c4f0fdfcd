package dev.undertowbase.launcher;

import static dev.undertowbase.launcher.testing.TestEnv.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.undertowbase.launcher.testing.TestApps;
import dev.undertowbase.launcher.testing.TestEnv;
import dev.undertowbase.launcher.testing.TlsFixtures;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


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
        MAX_BODY_SIZE     | 10 MB                | error: MAX_BODY_SIZE: "10 MB" is not a size (bytes, or a number with k, m or g: 32k)
        MAX_HEADER_SIZE   | 1g                   | error: MAX_HEADER_SIZE: "1g" is larger than 64m
        WORKER_POOL       | green                | error: WORKER_POOL: "green" is not one of virtual, platform
        ACCESS_LOG_FORMAT | '%{'                 | error: ACCESS_LOG_FORMAT: "%{" has a %{ without its closing }
        ACCESS_LOG_FORMAT | '%Z %Q'              | error: ACCESS_LOG_FORMAT: "%Z %Q": unknown attribute %Z (a literal percent sign is %%)
        ACCESS_LOG_FORMAT | ''                   | error: ACCESS_LOG_FORMAT: is empty (ACCESS_LOG= switches the access log off)
        ACCESS_LOG_FORMAT | combned              | error: ACCESS_LOG_FORMAT: "combned" is neither a format name (combined, combinedobf, common, commonobf, commonv) nor a pattern: it has no % attribute
        ACCESS_LOG_FORMAT | '%{time,nope}'       | error: ACCESS_LOG_FORMAT: "%{time,nope}": %{time,nope} is not a date format: Illegal pattern character 'n'
        SERVER_ARGS       | server.prot = 9000   | error: SERVER_ARGS:1: server.prot: unknown setting (did you mean server.port?)
        APP_DIR           | /nonexistent         | error: APP_DIR: /nonexistent is not a directory
        LOG_FORMAT        | xml                  | error: LOG_FORMAT: "xml" is not one of text, json
        FORWARDED_ALLOW_IPS | '10.0.0.0/8, proxy.local' | error: FORWARDED_ALLOW_IPS: "proxy.local" is not an IP address or CIDR range
        FORWARDED_ALLOW_IPS | 10.0.0.1/8         | error: FORWARDED_ALLOW_IPS: "10.0.0.1/8" has bits set after the prefix (the range is 10.0.0.0/8)
        HTTP2             | maybe                | error: HTTP2: "maybe" is not true or false
        TLS_CERT_FILE     | /tls/tls.crt         | error: TLS_CERT_FILE: "/tls/tls.crt" needs TLS_KEY_FILE (server.tls-key-file) too: set both or neither
        TLS_KEY_FILE      | /tls/tls.key         | error: TLS_KEY_FILE: "/tls/tls.key" needs TLS_CERT_FILE (server.tls-cert-file) too: set both or neither
        """)
    void badValueNamesItsVariable(String variable, String value, String error) throws Exception {
        assertBadInput(error, variable, value);
    }

    /** A certificate and key that cannot serve stop the start (the reasons each file can give are in TlsFilesTest). */
    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', textBlock = """
        missing.crt | rsa-pkcs8.key | error: TLS_CERT_FILE: {cert} does not exist
        rsa.crt     | ec-sec1.key   | error: TLS_KEY_FILE: {key} does not match the certificate in {cert}
        rsa.crt     | rsa.crt       | error: TLS_KEY_FILE: {key} holds no PEM private key
        """)
    void unusableTlsFilesNameTheirVariable(String cert, String key, String error) throws Exception {
        compileAnApp();
        String certFile = cert.equals("missing.crt") ? appDir.resolve(cert).toString() : TlsFixtures.path(cert).toString();
        String keyFile = TlsFixtures.path(key).toString();

        assertBadInput(error.replace("{cert}", certFile).replace("{key}", keyFile),
            "TLS_CERT_FILE", certFile, "TLS_KEY_FILE", keyFile);
    }

    @Test
    void anAccessLogPatternWithJsonLinesIsRejected() throws Exception {
        assertBadInput("error: ACCESS_LOG_FORMAT: \"common\" does not apply to JSON access lines (LOG_FORMAT is json)",
            "LOG_FORMAT", "json", "ACCESS_LOG_FORMAT", "common");
    }

    @Test
    void aBadTrustedProxyInAFileNamesFileLineAndKey() throws Exception {
        Path file = write(appDir.resolve("server.conf"), "server.forwarded-allow-ips = \"10.0.0.0/33\"\n");

        assertBadInput("error: " + file + ":1: server.forwarded-allow-ips: \"10.0.0.0/33\" has a prefix length outside 0-32");
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

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
        LIVENESS_PATH     | livez                | error: LIVENESS_PATH: "livez" must start with /
        READINESS_PATH    | /livez               | error: READINESS_PATH: "/livez" is also LIVENESS_PATH
        ACCESS_LOG_PROBES | maybe                | error: ACCESS_LOG_PROBES: "maybe" is not true or false
        SHUTDOWN_DELAY    | -5                   | error: SHUTDOWN_DELAY: "-5" must not be negative
        LIMIT_CONCURRENCY | 0                    | error: LIMIT_CONCURRENCY: "0" must be at least 1
        READY_CHECK       | app.Main             | error: READY_CHECK: "app.Main" is not CLASS:MEMBER
        READY_CHECK       | com.example.Db:ready | error: READY_CHECK: class com.example.Db not found in
        READY_CHECK       | app.Main:app         | error: READY_CHECK: app.Main has no public static boolean method app()
        """)
    void probeShutdownAndSheddingVariablesAreChecked(String name, String value, String expectedStart) throws Exception {
        TestApps.compile(appDir.resolve("classes"), Map.of("app.Main",
            TestApps.source("app.Main", "public static final HttpHandler app = new Marker();")));

        assertBadInput(expectedStart, name, value);
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
