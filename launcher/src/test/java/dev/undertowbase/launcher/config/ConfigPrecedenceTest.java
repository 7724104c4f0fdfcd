package dev.undertowbase.launcher.config;

import static dev.undertowbase.launcher.testing.TestEnv.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.undertowbase.launcher.testing.TestEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


class ConfigPrecedenceTest {

    @TempDir
    Path appDir;

    @Test
    void defaultsApplyWhenNothingIsSet() {
        ServerConfig config = TestEnv.load(appDir);

        assertEquals(new ListenAddress("0.0.0.0", 8080), config.listen().value());
        assertEquals(new Decimal(1, 0), config.threads().workersPerCore().value());
        assertNull(config.threads().maxWorkers().value());
        assertNull(config.threads().ioThreads().value());
        assertNull(config.threads().workerPool().value());
        assertNull(config.threads().threads().value());
        assertNull(config.threads().workerThreads().value());
        assertEquals(LogLevel.INFO, config.logs().level());
        assertEquals("-", config.accessLog().target().value());
        assertEquals("combined", config.accessLog().format().value());
        assertEquals("-", config.logs().errorLog().value());
        assertEquals(Duration.ofSeconds(120), config.timeouts().timeout());
        assertEquals(Duration.ofSeconds(5), config.timeouts().keepAlive());
        assertEquals(Duration.ofSeconds(30), config.timeouts().graceful());
        assertEquals(LogFormat.TEXT, config.logs().format());
        assertNull(config.logs().googleCloudProject());
        assertEquals("127.0.0.1,::1", config.proxies().allowIps());
        assertEquals(Duration.ofSeconds(10), config.timeouts().header());
        assertEquals(new LimitSettings(32 << 10, 100, null), config.limits());
        assertTrue(config.protocols().http2());
        assertFalse(config.protocols().tls());
        assertNull(config.configFile());
    }

    @Test
    void logFormatIsReadInAnyCase() {
        assertEquals(LogFormat.JSON, TestEnv.load(appDir, "LOG_FORMAT", "JSON").logs().format());
    }

    @Test
    void googleCloudProjectComesFromItsVariable() {
        assertEquals("my-project", TestEnv.load(appDir, "GOOGLE_CLOUD_PROJECT", "my-project").logs().googleCloudProject());
    }

    @Test
    void trustedProxiesComeFromTheirVariable() {
        ServerConfig config = TestEnv.load(appDir, "FORWARDED_ALLOW_IPS", "10.0.0.0/8, fd00::/8");

        assertEquals("10.0.0.0/8, fd00::/8", config.proxies().allowIps());
    }

    @Test
    void sizesTakeBytesOrKMG() {
        ServerConfig config = TestEnv.load(appDir, "MAX_HEADER_SIZE", "16k", "MAX_HEADERS", "50", "MAX_BODY_SIZE", "2G");

        assertEquals(new LimitSettings(16 << 10, 50, 2L << 30), config.limits());
        assertEquals(1000, TestEnv.load(appDir, "MAX_BODY_SIZE", "1000").limits().maxBodySize());
    }

    @Test
    void unsetBodyLimitIsASixteenthOfTheHeapAndZeroIsNone() {
        long heap = 256L << 20;
        assertEquals(16L << 20, TestEnv.load(appDir).limits().bodyLimit(heap));
        assertEquals(32L << 20, TestEnv.load(appDir).limits().bodyBudget(heap));
        assertEquals(1L << 20, TestEnv.load(appDir).limits().bodyLimit(4L << 20), "never below 1 MiB");
        assertEquals(-1, TestEnv.load(appDir, "MAX_BODY_SIZE", "0").limits().bodyLimit(heap));
        assertEquals(100L << 20, TestEnv.load(appDir, "MAX_BODY_SIZE", "100m").limits().bodyBudget(heap),
            "the budget holds at least one body of the limit");
    }

    @Test
    void http2AndTlsFilesComeFromAnyLayer() throws IOException {
        write(appDir.resolve("server.conf"), "server { http2 = false, tls-key-file = /etc/tls/tls.key }");

        ProtocolSettings protocols = TestEnv.load(appDir, "HTTP2", "true", "TLS_CERT_FILE", "/etc/tls/tls.crt").protocols();

        assertFalse(protocols.http2());
        assertEquals(Path.of("/etc/tls/tls.crt"), protocols.certFile().value());
        assertEquals("TLS_CERT_FILE", protocols.certFile().source());
        assertEquals(Path.of("/etc/tls/tls.key"), protocols.keyFile().value());
        assertEquals(appDir.resolve("server.conf") + ":1: server.tls-key-file", protocols.keyFile().source());
    }

    @Test
    void envVarBeatsDefault() {
        assertEquals(9001, TestEnv.load(appDir, "PORT", "9001").listen().value().port());
    }

    @Test
    void appFileBeatsEnvVar() throws IOException {
        write(appDir.resolve("server.conf"), "server.port = 9002");

        assertEquals(9002, TestEnv.load(appDir, "PORT", "9001").listen().value().port());
    }

    @Test
    void serverArgsBeatAppFile() throws IOException {
        write(appDir.resolve("server.conf"), "server.port = 9002");

        ServerConfig config = TestEnv.load(appDir, "PORT", "9001", "SERVER_ARGS", "server.port = 9003, server.io-threads = 4");

        assertEquals(9003, config.listen().value().port());
        assertEquals(4, config.threads().ioThreads().value());
    }

    @Test
    void appFileOverridesOnlyTheKeysItSets() throws IOException {
        write(appDir.resolve("server.conf"), "server { threads = 3 }");

        ServerConfig config = TestEnv.load(appDir, "PORT", "9001");

        assertEquals(3, config.threads().threads().value());
        assertEquals(9001, config.listen().value().port());
        assertEquals(Duration.ofSeconds(120), config.timeouts().timeout());
        assertEquals(appDir.resolve("server.conf").toString(), config.configFile());
    }

    @Test
    void confSubdirectoryIsTheSecondChoice() throws IOException {
        write(appDir.resolve("conf/server.conf"), "server.threads = 5");

        assertEquals(5, TestEnv.load(appDir).threads().threads().value());
    }

    @Test
    void serverConfNamesTheFileInsteadOfTheAppDirectorys() throws IOException {
        write(appDir.resolve("server.conf"), "server.threads = 5");
        Path named = write(appDir.resolve("elsewhere/prod.conf"), "server.threads = 6");

        ServerConfig config = TestEnv.load(appDir, "SERVER_CONF", named.toString());

        assertEquals(6, config.threads().threads().value());
        assertEquals(named.toString(), config.configFile());
    }

    @Test
    void missingServerConfIsAnError() {
        BadInput error = assertThrows(BadInput.class,
            () -> TestEnv.load(appDir, "SERVER_CONF", appDir.resolve("nope.conf").toString()));

        assertEquals("SERVER_CONF: " + appDir.resolve("nope.conf") + " does not exist", error.getMessage());
    }

    @Test
    void bindOverridesHostAndPort() {
        ServerConfig config = TestEnv.load(appDir, "HOST", "127.0.0.1", "PORT", "9001", "BIND", "[::]:9100");

        assertEquals(new ListenAddress("::", 9100), config.listen().value());
        assertEquals("[::]:9100", config.listen().value().toString());
    }

    @Test
    void appFileSeesSelfReferencesAndEnvSubstitutions() throws IOException {
        write(appDir.resolve("server.conf"), """
            app.url = "http://"${server.host}":"${server.port}
            app.greeting = ${?GREETING}
            """);

        ServerConfig config = TestEnv.load(appDir, "PORT", "9001", "GREETING", "hi");

        assertEquals("http://0.0.0.0:9001", config.config().getString("app.url"));
        assertEquals("hi", config.config().getString("app.greeting"));
    }

    @Test
    void substitutionsReadTheGivenEnvironmentNotTheProcessOne() throws IOException {
        write(appDir.resolve("server.conf"), "app.path = ${?PATH}");

        ServerConfig config = TestEnv.load(appDir);

        assertFalse(config.config().hasPath("app.path"));
        assertFalse(config.config().hasPath("APP_DIR"), "env vars do not leak into the config tree");
    }

    @Test
    void durationsTakeSecondsOrUnits() {
        ServerConfig config = TestEnv.load(appDir, "TIMEOUT", "2.5", "KEEP_ALIVE", "1500ms", "GRACEFUL_TIMEOUT", "0");

        assertEquals(Duration.ofMillis(2500), config.timeouts().timeout());
        assertEquals(Duration.ofMillis(1500), config.timeouts().keepAlive());
        assertEquals(Duration.ZERO, config.timeouts().graceful());
    }

    @Test
    void emptyOptionalVariablesCountAsUnset() {
        ServerConfig config = TestEnv.load(appDir, "MAX_WORKERS", "", "WEB_CONCURRENCY", "", "BIND", "");

        assertNull(config.threads().maxWorkers().value());
        assertNull(config.threads().ioThreads().value());
        assertEquals(8080, config.listen().value().port());
    }

    @Test
    void anUnknownKeyInAFileNamesFileLineAndTheNearestKey() throws IOException {
        Path file = write(appDir.resolve("server.conf"), "server {\n  graceful-timout = 10\n}\n");

        BadInput error = assertThrows(BadInput.class, () -> TestEnv.load(appDir));

        assertEquals(file + ":2: server.graceful-timout: unknown setting (did you mean server.graceful-timeout?)",
            error.getMessage());
    }

    @Test
    void theAppSectionTakesAnyKey() throws IOException {
        write(appDir.resolve("server.conf"), "app.anything-at-all = 1");

        assertEquals(1, TestEnv.load(appDir).config().getInt("app.anything-at-all"));
    }
}
