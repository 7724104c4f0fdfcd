package dev.undertowbase.launcher.config;

/**
 * Server and app logs (README, Environment variables: LOG_LEVEL, ERROR_LOG).
 *
 * @param errorLog "-" for stderr, "" for none, else a file appended to
 */
public record LogSettings(LogLevel level, Sourced<String> errorLog) {

    static LogSettings read(Settings s) {
        return new LogSettings(s.logLevel("log-level"), s.sourced("error-log", s.logTarget("error-log")));
    }
}
