package dev.undertowbase.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        Logging.configure(LogLevel.INFO, "-", "ERROR_LOG");
    }

    @Test
    void errorLogFileGetsLinesAtOrAboveTheLevel() throws Exception {
        Path file = dir.resolve("server.log");
        Logging.configure(LogLevel.WARNING, file.toString(), "ERROR_LOG");

        LoggerFactory.getLogger("test").info("an info line");
        LoggerFactory.getLogger("test").warn("a warning line");

        String log = Files.readString(file);
        assertFalse(log.contains("an info line"), log);
        assertTrue(log.contains("WARN  [main] test - a warning line"), log);
    }

    @Test
    void undertowLogsGoThroughTheSameBackend() throws Exception {
        Path file = dir.resolve("server.log");
        Logging.configure(LogLevel.INFO, file.toString(), "ERROR_LOG");

        org.jboss.logging.Logger.getLogger("io.undertow.request").error("from jboss-logging");

        assertTrue(Files.readString(file).contains("ERROR [main] io.undertow.request - from jboss-logging"));
    }

    @Test
    void xnioBannersShowOnlyAtDebug() throws Exception {
        Path info = dir.resolve("info.log");
        Path debug = dir.resolve("debug.log");

        Logging.configure(LogLevel.INFO, info.toString(), "ERROR_LOG");
        org.jboss.logging.Logger.getLogger("org.xnio").info("XNIO version x");
        Logging.configure(LogLevel.DEBUG, debug.toString(), "ERROR_LOG");
        org.jboss.logging.Logger.getLogger("org.xnio").info("XNIO version x");

        assertFalse(Files.readString(info).contains("XNIO version"));
        assertTrue(Files.readString(debug).contains("XNIO version"));
    }

    @Test
    void criticalLogsErrorsOnly() throws Exception {
        Path file = dir.resolve("server.log");
        Logging.configure(LogLevel.CRITICAL, file.toString(), "ERROR_LOG");

        LoggerFactory.getLogger("test").warn("a warning line");
        LoggerFactory.getLogger("test").error("an error line");

        String log = Files.readString(file);
        assertFalse(log.contains("a warning line"), log);
        assertTrue(log.contains("an error line"), log);
    }

    @Test
    void emptyErrorLogSwitchesLogsOff() {
        Logging.configure(LogLevel.DEBUG, "", "ERROR_LOG");

        assertFalse(LoggerFactory.getLogger("test").isErrorEnabled());
    }

    @Test
    void unwritableErrorLogNamesTheVariable() {
        Path file = dir.resolve("missing-dir/server.log");

        BadInput error = assertThrows(BadInput.class, () -> Logging.configure(LogLevel.INFO, file.toString(), "ERROR_LOG"));

        assertTrue(error.getMessage().startsWith("ERROR_LOG: cannot write to " + file), error.getMessage());
        assertEquals(1, error.getMessage().lines().count());
    }
}
