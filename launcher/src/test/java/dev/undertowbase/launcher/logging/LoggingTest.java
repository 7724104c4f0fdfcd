package dev.undertowbase.launcher.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.undertowbase.launcher.config.BadInput;
import dev.undertowbase.launcher.config.LogFormat;
import dev.undertowbase.launcher.config.LogLevel;
import dev.undertowbase.launcher.config.LogSettings;
import dev.undertowbase.launcher.config.Sourced;
import dev.undertowbase.launcher.testing.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;




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
    void jsonLinesHaveCloudLoggingsFields() throws Exception {
        Path file = json(null);

        LoggerFactory.getLogger("test").info("hello {}", "there");

        JsonNode line = Json.parse(lastLine(file));
        assertTrue(line.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), line.toString());
        assertEquals("INFO", line.get("severity").asText());
        assertEquals("hello there", line.get("message").asText());
        assertEquals("test", line.get("logger").asText());
        assertEquals(Thread.currentThread().getName(), line.get("thread").asText());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"DEBUG, DEBUG", "INFO, INFO", "WARN, WARNING", "ERROR, ERROR", "TRACE, DEBUG"})
    void severityIsCloudLoggingsName(org.slf4j.event.Level level, String severity) throws Exception {
        Path file = json(null);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("test")).setLevel(ch.qos.logback.classic.Level.ALL);
        try {
            LoggerFactory.getLogger("test").atLevel(level).log("at " + level);
        } finally {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("test")).setLevel(null);
        }

        assertEquals(severity, Json.parse(lastLine(file)).get("severity").asText());
    }

    @Test
    void anErrorWithTheCriticalMarkerIsCritical() throws Exception {
        Path file = json(null);

        LoggerFactory.getLogger("test").error(MarkerFactory.getMarker("CRITICAL"), "the disk is gone");

        assertEquals("CRITICAL", Json.parse(lastLine(file)).get("severity").asText());
    }

    @Test
    void aJsonStackTraceIsOneLineThatParses() throws Exception {
        Path file = json(null);

        LoggerFactory.getLogger("test").error("it failed",
            new IllegalStateException("outer \"quoted\"\nsecond line", new RuntimeException("inner")));

        List<String> lines = Files.readAllLines(file);
        assertEquals(1, lines.size(), String.join("\n", lines));
        JsonNode line = Json.parse(lines.get(0));
        assertEquals("it failed", line.get("message").asText());
        String trace = line.get("stack_trace").asText();
        assertTrue(trace.startsWith("java.lang.IllegalStateException: outer \"quoted\"\nsecond line"), trace);
        assertTrue(trace.contains("\tat dev.undertowbase.launcher.logging.LoggingTest."), trace);
        assertTrue(trace.contains("Caused by: java.lang.RuntimeException: inner"), trace);
    }

    @Test
    void mdcEntriesAndKeyValuesAreFieldsOfTheirOwn() throws Exception {
        Path file = json("my-project");

        MDC.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        MDC.put("span_id", "00f067aa0ba902b7");
        MDC.put("tenant", "acme");
        try {
            LoggerFactory.getLogger("test").atInfo().addKeyValue("items", 3).addKeyValue("paid", true).log("ordered");
        } finally {
            MDC.clear();
        }

        JsonNode line = Json.parse(lastLine(file));
        assertEquals("acme", line.get("tenant").asText());
        assertEquals(3, line.get("items").asInt());
        assertTrue(line.get("paid").asBoolean());
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", line.get("trace_id").asText());
        assertEquals("projects/my-project/traces/4bf92f3577b34da6a3ce929d0e0e4736",
            line.get("logging.googleapis.com/trace").asText());
        assertEquals("00f067aa0ba902b7", line.get("logging.googleapis.com/spanId").asText());
    }

    @Test
    void withoutAProjectThereIsNoCloudTraceField() throws Exception {
        Path file = json(null);

        MDC.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        try {
            LoggerFactory.getLogger("test").info("traced");
        } finally {
            MDC.clear();
        }

        JsonNode line = Json.parse(lastLine(file));
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", line.get("trace_id").asText());
        assertFalse(line.has("logging.googleapis.com/trace"), line.toString());
    }

    @Test
    void anMdcKeyCannotReplaceAFixedField() throws Exception {
        Path file = json(null);

        MDC.put("message", "from the MDC");
        try {
            LoggerFactory.getLogger("test").info("the message");
        } finally {
            MDC.clear();
        }

        assertEquals("the message", Json.parse(lastLine(file)).get("message").asText());
    }

    @Test
    void textLinesEndWithTheMdcEntries() throws Exception {
        Path file = dir.resolve("server.log");
        Logging.configure(new LogSettings(LogLevel.INFO, new Sourced<>(file.toString(), "ERROR_LOG")));

        LoggerFactory.getLogger("test").info("outside");
        MDC.put("tenant", "acme");
        MDC.put("span_id", "00f067aa0ba902b7");
        MDC.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        MDC.put("region", "eu");
        try {
            LoggerFactory.getLogger("test").info("inside");
        } finally {
            MDC.clear();
        }

        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.get(0).endsWith("[main] test - outside"), lines.get(0));
        assertTrue(lines.get(1).endsWith("[main] test - inside trace_id=4bf92f3577b34da6a3ce929d0e0e4736"
            + " span_id=00f067aa0ba902b7 region=eu tenant=acme"), lines.get(1));
    }

    @Test
    void emptyErrorLogSwitchesLogsOff() {
        configure(LogLevel.DEBUG, "");

        assertFalse(LoggerFactory.getLogger("test").isErrorEnabled());
    }

    /** JSON lines to a fresh file, with the given GOOGLE_CLOUD_PROJECT. */
    private Path json(String project) {
        Path file = dir.resolve("json.log");
        Logging.configure(new LogSettings(LogLevel.INFO, new Sourced<>(file.toString(), "ERROR_LOG"), LogFormat.JSON,
            project));
        return file;
    }

    private static String lastLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return lines.get(lines.size() - 1);
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
