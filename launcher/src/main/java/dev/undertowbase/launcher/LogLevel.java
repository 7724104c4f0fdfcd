package dev.undertowbase.launcher;

import ch.qos.logback.classic.Level;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The LOG_LEVEL names of the contract (gunicorn's), mapped onto logback levels. */
public enum LogLevel {
    DEBUG(Level.DEBUG),
    INFO(Level.INFO),
    WARNING(Level.WARN),
    ERROR(Level.ERROR),
    // logback has nothing above ERROR
    CRITICAL(Level.ERROR);

    private final Level logback;

    LogLevel(Level logback) {
        this.logback = logback;
    }

    Level logback() {
        return logback;
    }

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
