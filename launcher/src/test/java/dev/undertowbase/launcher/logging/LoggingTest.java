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
import org.slf4j.LoggerFactory;



class LoggingTest {

    @TempDir
    Path dir;

    @AfterEach
    void restoreDefaults() {
        Logging.configure(new LogSettings(LogLevel.INFO, new Sourced<>("-", "ERROR_LOG")));
    }

    @Test
    void errorLogFileGetsLinesAtOrAboveTheLevel() throws Exception {
        Path file = dir.resolve("server.log");
        Logging.configure(new LogSettings(LogLevel.WARNING, new Sourced<>(file.toString(), "ERROR_LOG")));

        LoggerFactory.getLogger("test").info("an info line");
        LoggerFactory.getLogger("test").warn("a warning line");

        String log = Files.readString(file);
        assertFalse(log.contains("an info line"), log);
        assertTrue(log.contains("WARN  [main] test - a warning line"), log);
    }

    @Test
    void undertowLogsGoThroughTheSameBackend() throws Exception {
        Path file = dir.resolve("server.log");
        Logging.configure(new LogSettings(LogLevel.INFO, new Sourced<>(file.toString(), "ERROR_LOG")));

        org.jboss.logging.Logger.getLogger("io.undertow.request").error("from jboss-logging");

        assertTrue(Files.readString(file).contains("ERROR [main] io.undertow.request - from jboss-logging"));
    }

    @Test
    void xnioBannersShowOnlyAtDebug() throws Exception {
        Path info = dir.resolve("info.log");
        Path debug = dir.resolve("debug.log");

        Logging.configure(new LogSettings(LogLevel.INFO, new Sourced<>(info.toString(), "ERROR_LOG")));
        org.jboss.logging.Logger.getLogger("org.xnio").info("XNIO version x");
        Logging.configure(new LogSettings(LogLevel.DEBUG, new Sourced<>(debug.toString(), "ERROR_LOG")));
        org.jboss.logging.Logger.getLogger("org.xnio").info("XNIO version x");

        assertFalse(Files.readString(info).contains("XNIO version"));
        assertTrue(Files.readString(debug).contains("XNIO version"));
    }

    @Test
    void criticalLogsErrorsOnly() throws Exception {
        Path file = dir.resolve("server.log");
        Logging.configure(new LogSettings(LogLevel.CRITICAL, new Sourced<>(file.toString(), "ERROR_LOG")));

        LoggerFactory.getLogger("test").warn("a warning line");
        LoggerFactory.getLogger("test").error("an error line");

        String log = Files.readString(file);
        assertFalse(log.contains("a warning line"), log);
        assertTrue(log.contains("an error line"), log);
    }

    @Test
    void emptyErrorLogSwitchesLogsOff() {
        Logging.configure(new LogSettings(LogLevel.DEBUG, new Sourced<>("", "ERROR_LOG")));

        assertFalse(LoggerFactory.getLogger("test").isErrorEnabled());
    }

    @Test
    void unwritableErrorLogNamesTheVariable() {
        Path file = dir.resolve("missing-dir/server.log");

        BadInput error = assertThrows(BadInput.class,
            () -> Logging.configure(new LogSettings(LogLevel.INFO, new Sourced<>(file.toString(), "ERROR_LOG"))));

        assertTrue(error.getMessage().startsWith("ERROR_LOG: cannot write to " + file), error.getMessage());
        assertEquals(1, error.getMessage().lines().count());
    }
}
