package dev.undertowbase.launcher.config;

import static dev.undertowbase.launcher.testing.TestEnv.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.undertowbase.launcher.testing.TestEnv;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** README, Probes and health checks, Stopping, Load shedding: the settings platforms' probes and stops rely on. */
class PlatformSettingsTest {

    @TempDir
    Path appDir;

    @Test
    void defaults() {
        ServerConfig config = TestEnv.load(appDir);

        assertEquals("/livez", config.probes().liveness());
        assertEquals("/readyz", config.probes().readiness());
        assertNull(config.probes().readyCheck().value());
        assertFalse(config.probes().accessLogged());
        assertEquals(Duration.ZERO, config.shutdown().delay());
        assertNull(config.loadShedding().limitConcurrency());
        assertFalse(config.loadShedding().on());
    }

    @Test
    void environmentVariablesSetThem() {
        ServerConfig config = TestEnv.load(appDir, "LIVENESS_PATH", "/health/live", "READINESS_PATH", "/health/ready",
            "READY_CHECK", "com.example.Db:ready", "ACCESS_LOG_PROBES", "TRUE", "SHUTDOWN_DELAY", "5",
            "LIMIT_CONCURRENCY", "80");

        assertEquals("/health/live", config.probes().liveness());
        assertEquals("/health/ready", config.probes().readiness());
        assertEquals(new Sourced<>("com.example.Db:ready", "READY_CHECK"), config.probes().readyCheck());
        assertTrue(config.probes().accessLogged());
        assertEquals(Duration.ofSeconds(5), config.shutdown().delay());
        assertEquals(80, config.loadShedding().limitConcurrency());
    }

    @Test
    void emptyPathsSwitchTheProbesOff() {
        ProbeSettings probes = TestEnv.load(appDir, "LIVENESS_PATH", "", "READINESS_PATH", " ").probes();

        assertFalse(probes.livenessOn());
        assertFalse(probes.readinessOn());
        assertEquals("", probes.liveness());
    }

    @Test
    void anAppFileSetsThemUnderServer() throws IOException {
        write(appDir.resolve("server.conf"), """
            server {
              liveness-path = null
              readiness-path = "/ready"
              ready-check = "app.Main:dbUp"
              access-log-probes = true
              shutdown-delay = 1500ms
              limit-concurrency = 10
            }
            """);

        ServerConfig config = TestEnv.load(appDir, "SHUTDOWN_DELAY", "9", "LIMIT_CONCURRENCY", "3");

        assertFalse(config.probes().livenessOn());
        assertEquals("/ready", config.probes().readiness());
        assertEquals("app.Main:dbUp", config.probes().readyCheck().value());
        assertEquals(appDir.resolve("server.conf") + ":4: server.ready-check", config.probes().readyCheck().source());
        assertTrue(config.probes().accessLogged());
        assertEquals(Duration.ofMillis(1500), config.shutdown().delay());
        assertEquals(10, config.loadShedding().limitConcurrency());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
        LIVENESS_PATH     | livez       | LIVENESS_PATH: "livez" must start with / (e.g. /livez), or be empty to switch the probe off
        READINESS_PATH    | /ready z    | READINESS_PATH: "/ready z" is not a plain path: no blanks, ? or #
        READINESS_PATH    | /readyz?x=1 | READINESS_PATH: "/readyz?x=1" is not a plain path: no blanks, ? or #
        READINESS_PATH    | /livez      | READINESS_PATH: "/livez" is also LIVENESS_PATH; the two probes need two paths
        ACCESS_LOG_PROBES | yes         | ACCESS_LOG_PROBES: "yes" is not true or false
        SHUTDOWN_DELAY    | -1          | SHUTDOWN_DELAY: "-1" must not be negative
        SHUTDOWN_DELAY    | soon        | SHUTDOWN_DELAY: "soon" is not a number of seconds
        LIMIT_CONCURRENCY | 0           | LIMIT_CONCURRENCY: "0" must be at least 1
        LIMIT_CONCURRENCY | -4          | LIMIT_CONCURRENCY: "-4" must be at least 1
        LIMIT_CONCURRENCY | 2.5         | LIMIT_CONCURRENCY: "2.5" is not a whole number
        LIMIT_CONCURRENCY | many        | LIMIT_CONCURRENCY: "many" is not a number
        """)
    void aBadValueNamesItsVariable(String name, String value, String message) {
        BadInput error = assertThrows(BadInput.class, () -> TestEnv.load(appDir, name, value));

        assertEquals(message, error.getMessage());
    }
}
