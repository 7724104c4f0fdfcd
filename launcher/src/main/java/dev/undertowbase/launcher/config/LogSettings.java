package dev.undertowbase.launcher.config;

/**
 * Server and app logs (README, Environment variables: LOG_LEVEL, ERROR_LOG, LOG_FORMAT).
 *
 * @param errorLog "-" for stderr, "" for none, else a file appended to
 * @param format   text or JSON lines, for the access log too
 */
public record LogSettings(LogLevel level, Sourced<String> errorLog, LogFormat format) {

    /** Text lines: what unit tests of one concern need. */
    public LogSettings(LogLevel level, Sourced<String> errorLog) {
        this(level, errorLog, LogFormat.TEXT);
    }

    static LogSettings read(Settings s) {
        return new LogSettings(s.logLevel("log-level"), s.sourced("error-log", s.logTarget("error-log")),
            s.logFormat("log-format"));
    }

    public boolean json() {
        return format == LogFormat.JSON;
    }
}
