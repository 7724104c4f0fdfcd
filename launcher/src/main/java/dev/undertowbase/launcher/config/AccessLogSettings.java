package dev.undertowbase.launcher.config;

/**
 * The access log (README, Environment variables: ACCESS_LOG, ACCESS_LOG_FORMAT).
 *
 * @param target "-" for stdout, "" for none, else a file appended to
 * @param format "combined", "common" or an Undertow pattern
 */
public record AccessLogSettings(Sourced<String> target, Sourced<String> format) {

    static final String DEFAULT_FORMAT = "combined";

    /** JSON access lines have one shape (README, Structured logs): a pattern there would be ignored, so it is an error. */
    static AccessLogSettings read(Settings s, LogFormat logFormat) {
        String format = s.string("access-log-format");
        if (logFormat == LogFormat.JSON && !format.trim().equals(DEFAULT_FORMAT)) {
            throw s.bad("access-log-format", format, "does not apply to JSON access lines (" + s.source("log-format")
                + " is json)");
        }
        return new AccessLogSettings(s.sourced("access-log", s.logTarget("access-log")),
            s.sourced("access-log-format", format));
    }

    public boolean on() {
        return !target.value().isEmpty();
    }
}
