package dev.undertowbase.launcher.config;

import java.util.regex.Pattern;

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

    /**
     * A project id as Google Cloud allows it (6-30 lowercase letters, digits and hyphens, starting
     * with a letter, not ending with a hyphen), optionally domain-scoped ("example.com:my-project"):
     * anything else would name a trace no console can find.
     */
    private static final Pattern PROJECT_ID = Pattern.compile("([a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]");

    static LogSettings read(Settings s) {
        String project = s.optionalString("google-cloud-project");
        if (project != null && !PROJECT_ID.matcher(project).matches()) {
            throw s.bad("google-cloud-project", project,
                "is not a Google Cloud project id (6-30 lowercase letters, digits and hyphens, starting with a letter)");
        }
        return new LogSettings(s.logLevel("log-level"), s.sourced("error-log", s.logTarget("error-log")),
            s.logFormat("log-format"), project);
    }

    public boolean json() {
        return format == LogFormat.JSON;
    }
}
