package dev.undertowbase.launcher.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The LOG_LEVEL names of README, Environment variables (gunicorn's). */
public enum LogLevel {
    DEBUG, INFO, WARNING, ERROR, CRITICAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns null when the text names no level. */
    static LogLevel parse(String text) {
        for (LogLevel level : values()) {
            if (level.label().equalsIgnoreCase(text.trim())) {
                return level;
            }
        }
        return null;
    }

    static String names() {
        return Arrays.stream(values()).map(LogLevel::label).collect(Collectors.joining(", "));
    }
}
