package dev.undertowbase.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

        assertEquals(new ListenAddress("0.0.0.0", 8080), config.listen());
        assertEquals(1.0, config.workersPerCore());
        assertNull(config.maxWorkers());
        assertNull(config.ioThreads());
        assertEquals(8, config.threads());
        assertNull(config.workerThreads());
        assertEquals(LogLevel.INFO, config.logLevel());
        assertEquals("-", config.accessLog());
        assertEquals("combined", config.accessLogFormat());
        assertEquals("-", config.errorLog());
        assertEquals(Duration.ofSeconds(120), config.timeout());
        assertEquals(Duration.ofSeconds(5), config.keepAlive());
        assertEquals(Duration.ofSeconds(30), config.gracefulTimeout());
        assertNull(config.configFile());
    }

    @Test
    void envVarBeatsDefault() {
        assertEquals(9001, TestEnv.load(appDir, "PORT", "9001").listen().port());
    }

    @Test
    void appFileBeatsEnvVar() throws IOException {
        write(appDir.resolve("server.conf"), "server.port = 9002");

        assertEquals(9002, TestEnv.load(appDir, "PORT", "9001").listen().port());
    }

    @Test
    void serverArgsBeatAppFile() throws IOException {
        write(appDir.resolve("server.conf"), "server.port = 9002");

        ServerConfig config = TestEnv.load(appDir, "PORT", "9001", "SERVER_ARGS", "server.port = 9003, server.io-threads = 4");

        assertEquals(9003, config.listen().port());
        assertEquals(4, config.ioThreads());
    }

    @Test
    void appFileOverridesOnlyTheKeysItSets() throws IOException {
        write(appDir.resolve("server.conf"), "server { threads = 3 }");

        ServerConfig config = TestEnv.load(appDir, "PORT", "9001");

        assertEquals(3, config.threads());
        assertEquals(9001, config.listen().port());
        assertEquals(Duration.ofSeconds(120), config.timeout());
        assertEquals(appDir.resolve("server.conf").toString(), config.configFile());
    }

    @Test
    void confSubdirectoryIsTheSecondChoice() throws IOException {
        write(appDir.resolve("conf/server.conf"), "server.threads = 5");

        assertEquals(5, TestEnv.load(appDir).threads());
    }

    @Test
    void serverConfNamesTheFileInsteadOfTheAppDirectorys() throws IOException {
        write(appDir.resolve("server.conf"), "server.threads = 5");
        Path named = write(appDir.resolve("elsewhere/prod.conf"), "server.threads = 6");

        ServerConfig config = TestEnv.load(appDir, "SERVER_CONF", named.toString());

        assertEquals(6, config.threads());
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

        assertEquals(new ListenAddress("::", 9100), config.listen());
        assertEquals("[::]:9100", config.listen().toString());
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

        assertEquals(Duration.ofMillis(2500), config.timeout());
        assertEquals(Duration.ofMillis(1500), config.keepAlive());
        assertEquals(Duration.ZERO, config.gracefulTimeout());
    }

    @Test
    void emptyOptionalVariablesCountAsUnset() {
        ServerConfig config = TestEnv.load(appDir, "MAX_WORKERS", "", "WEB_CONCURRENCY", "", "BIND", "");

        assertNull(config.maxWorkers());
        assertNull(config.ioThreads());
        assertEquals(8080, config.listen().port());
    }

    static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
