package dev.undertowbase.launcher.config;

import java.util.Locale;

/** LOG_FORMAT (README, Structured logs): how server, app and access lines are written. */
public enum LogFormat {
    /** The lines of README, What it prints: a text line per log event, combined access lines. */
    TEXT,
    /** One JSON object per line in Cloud Logging's shape. */
    JSON;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns null when the text names no format. */
    static LogFormat parse(String text) {
        for (LogFormat format : values()) {
            if (format.label().equalsIgnoreCase(text.trim())) {
                return format;
            }
        }
        return null;
    }
}
