package dev.undertowbase.launcher.config;

/**
 * The access log (README, Environment variables: ACCESS_LOG, ACCESS_LOG_FORMAT).
 *
 * @param target "-" for stdout, "" for none, else a file appended to
 * @param format "combined", "common" or an Undertow pattern
 */
public record AccessLogSettings(Sourced<String> target, Sourced<String> format) {

    static AccessLogSettings read(Settings s) {
        return new AccessLogSettings(s.sourced("access-log", s.logTarget("access-log")),
            s.sourced("access-log-format", s.string("access-log-format")));
    }

    public boolean on() {
        return !target.value().isEmpty();
    }
}
