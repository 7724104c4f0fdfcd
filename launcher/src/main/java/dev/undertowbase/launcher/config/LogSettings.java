package dev.undertowbase.launcher.config;

/**
 * Server and app logs (README, Environment variables: LOG_LEVEL, ERROR_LOG, LOG_FORMAT,
 * GOOGLE_CLOUD_PROJECT).
 *
 * @param errorLog           "-" for stderr, "" for none, else a file appended to
 * @param format             text or JSON lines, for the access log too
 * @param googleCloudProject the project JSON lines name in {@code logging.googleapis.com/trace}, or null
 */
public record LogSettings(LogLevel level, Sourced<String> errorLog, LogFormat format, String googleCloudProject) {

    /** Text lines, no project: what unit tests of one concern need. */
    public LogSettings(LogLevel level, Sourced<String> errorLog) {
        this(level, errorLog, LogFormat.TEXT, null);
    }

    static LogSettings read(Settings s) {
        return new LogSettings(s.logLevel("log-level"), s.sourced("error-log", s.logTarget("error-log")),
            s.logFormat("log-format"), s.optionalString("google-cloud-project"));
    }

    public boolean json() {
        return format == LogFormat.JSON;
    }
}
