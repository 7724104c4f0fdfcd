package dev.undertowbase.launcher.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.undertowbase.launcher.config.BadInput;
import dev.undertowbase.launcher.config.LogLevel;
import dev.undertowbase.launcher.config.LogSettings;
import dev.undertowbase.launcher.config.Sourced;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;




class LoggingTest {

    @TempDir
    Path dir;

    @AfterEach
    void restoreDefaults() {
        configure(LogLevel.INFO, "-");
    }

    /** A line just below the level is left out, one at it is written (critical: errors only, logback has no higher level). */
    @ParameterizedTest(name = "LOG_LEVEL={0}")
    @CsvSource({"WARNING, info, warn", "CRITICAL, warn, error"})
    void errorLogFileGetsLinesAtOrAboveTheLevel(LogLevel level, String below, String at) throws Exception {
        Path file = dir.resolve("server.log");
        configure(level, file.toString());

        log(below, "a line below the level");
        log(at, "a line at the level");

        String log = Files.readString(file);
        assertFalse(log.contains("a line below the level"), log);
        assertTrue(log.contains(" [main] test - a line at the level"), log);
    }

    @Test
    void undertowLogsGoThroughTheSameBackend() throws Exception {
        Path file = dir.resolve("server.log");
        configure(LogLevel.INFO, file.toString());

        org.jboss.logging.Logger.getLogger("io.undertow.request").error("from jboss-logging");

        assertTrue(Files.readString(file).contains("ERROR [main] io.undertow.request - from jboss-logging"));
    }

    @Test
    void xnioBannersShowOnlyAtDebug() throws Exception {
        Path info = dir.resolve("info.log");
        Path debug = dir.resolve("debug.log");

        configure(LogLevel.INFO, info.toString());
        org.jboss.logging.Logger.getLogger("org.xnio").info("XNIO version x");
        configure(LogLevel.DEBUG, debug.toString());
        org.jboss.logging.Logger.getLogger("org.xnio").info("XNIO version x");

        assertFalse(Files.readString(info).contains("XNIO version"));
        assertTrue(Files.readString(debug).contains("XNIO version"));
    }

    @Test
    void emptyErrorLogSwitchesLogsOff() {
        configure(LogLevel.DEBUG, "");

        assertFalse(LoggerFactory.getLogger("test").isErrorEnabled());
    }

    @Test
    void unwritableErrorLogNamesTheVariable() {
        Path file = dir.resolve("missing-dir/server.log");

        BadInput error = assertThrows(BadInput.class,
            () -> configure(LogLevel.INFO, file.toString()));

        assertTrue(error.getMessage().startsWith("ERROR_LOG: cannot write to " + file), error.getMessage());
        assertEquals(1, error.getMessage().lines().count());
    }

    private static void configure(LogLevel level, String target) {
        Logging.configure(new LogSettings(level, new Sourced<>(target, "ERROR_LOG")));
    }

    private static void log(String level, String message) {
        org.slf4j.Logger logger = LoggerFactory.getLogger("test");
        switch (level) {
            case "info" -> logger.info(message);
            case "warn" -> logger.warn(message);
            case "error" -> logger.error(message);
            default -> throw new IllegalArgumentException(level);
        }
    }
}
