package dev.undertowbase.launcher.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads of the keys of the {@code server} section. A bad value becomes a {@link BadInput}
 * naming where it came from: the environment variable, or file:line and key.
 */
final class Settings {

    private final ConfigObject server;

    Settings(Config config) {
        try {
            this.server = config.getObject("server");
        } catch (ConfigException e) {
            throw new BadInput(ConfigLayers.describe(e));
        }
    }

    /**
     * Fails on a key of the server section that is not one of {@code known}: a misspelt setting
     * would otherwise be ignored without a word. The error suggests the nearest known key.
     */
    void rejectUnknownKeys(Set<String> known) {
        for (String key : new TreeSet<>(server.keySet())) {
            if (!known.contains(key)) {
                throw new BadInput(source(key) + ": unknown setting (did you mean server." + nearest(key, known) + "?)");
            }
        }
    }

    /** The known key fewest single-character edits away (Levenshtein distance); ties go to the first by name. */
    static String nearest(String key, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : new TreeSet<>(known)) {
            int distance = editDistance(key, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Where a key's value came from: "PORT", "/app/server.conf:3: server.port", "SERVER_ARGS: server.port". */
    String source(String key) {
        ConfigValue value = server.get(key);
        if (value == null) {
            return "server." + key;
        }
        ConfigOrigin origin = value.origin();
        String description = origin.description();
        if (description.startsWith(ConfigLayers.ENV_ORIGIN)) {
            return description.substring(ConfigLayers.ENV_ORIGIN.length());
        }
        return ConfigLayers.location(origin) + ": server." + key;
    }

    String string(String key) {
        String text = text(key);
        if (text == null) {
            throw bad(key, null, "is not set");
        }
        return text;
    }

    /** Null when the key is absent, null or empty. */
    String optionalString(String key) {
        String text = text(key);
        return text == null || text.isBlank() ? null : text.trim();
    }

    int count(String key) {
        String text = string(key);
        return positiveInt(key, text);
    }

    /** A positive whole number, or null when the key is absent, null or empty. */
    Integer optionalCount(String key) {
        String text = optionalString(key);
        return text == null ? null : positiveInt(key, text);
    }

    Decimal positiveNumber(String key) {
        String text = string(key);
        Decimal number = decimal(key, text);
        if (number.signum() <= 0) {
            throw bad(key, text, "must be greater than 0");
        }
        return number;
    }

    /** A size in bytes (README, Request limits); null when the key is absent, null or empty. */
    Long optionalBytes(String key) {
        String text = optionalString(key);
        return text == null ? null : bytes(key, text);
    }

    /** A size from 1 byte to {@code ceiling}, named {@code ceilingText} in the error. */
    long bytes(String key, long ceiling, String ceilingText) {
        String text = string(key);
        long bytes = bytes(key, text);
        if (bytes < 1) {
            throw bad(key, text, "must be at least 1");
        }
        if (bytes > ceiling) {
            throw bad(key, text, "is larger than " + ceilingText);
        }
        return bytes;
    }

    /** The value with the place it came from. */
    <T> Sourced<T> sourced(String key, T value) {
        return new Sourced<>(value, source(key));
    }

    /** A log target: "-", a file, or "" (off) when unset or empty. */
    String logTarget(String key) {
        String target = optionalString(key);
        return target == null ? "" : target;
    }

    int port(String key) {
        String text = string(key);
        return port(key, text);
    }

    int port(String key, String text) {
        int port;
        try {
            port = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw bad(key, text, isNumber(text.trim()) ? "is not a port number (0-65535)" : "is not a number");
        }
        if (port < 0 || port > 65535) {
            throw bad(key, text, "is not a port number (0-65535)");
        }
        return port;
    }

    /** Seconds, fractions allowed, or a HOCON duration with a unit ("500ms", "2m"). */
    Duration seconds(String key) {
        String text = string(key).trim();
        Duration duration;
        Decimal seconds = optionalDecimal(key, text);
        if (seconds != null) {
            if (seconds.scale() > 9) {
                throw bad(key, text, "is finer than a nanosecond");
            }
            try {
                duration = Duration.ofNanos(seconds.secondsToNanos());
            } catch (ArithmeticException e) {
                throw bad(key, text, "is too large");
            }
        } else {
            try {
                duration = server.toConfig().getDuration(key);
            } catch (ConfigException e) {
                throw bad(key, text, "is not a number of seconds");
            }
        }
        if (duration.isNegative()) {
            throw bad(key, text, "must not be negative");
        }
        return duration;
    }

    /** true or false (any case). */
    boolean bool(String key) {
        String text = string(key).trim();
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(key, text, "is not true or false");
        };
    }

    LogLevel logLevel(String key) {
        String text = string(key);
        LogLevel level = LogLevel.parse(text);
        if (level == null) {
            throw bad(key, text, "is not one of " + LogLevel.names());
        }
        return level;
    }

    LogFormat logFormat(String key) {
        String text = string(key);
        LogFormat format = LogFormat.parse(text);
        if (format == null) {
            throw bad(key, text, "is not one of text, json");
        }
        return format;
    }

    /** Null when the key is absent, null or empty. */
    WorkerPool optionalWorkerPool(String key) {
        String text = optionalString(key);
        if (text == null) {
            return null;
        }
        WorkerPool pool = WorkerPool.parse(text);
        if (pool == null) {
            throw bad(key, text, "is not one of " + WorkerPool.names());
        }
        return pool;
    }

    BadInput bad(String key, String text, String problem) {
        String shown = text == null ? "" : "\"" + text + "\" ";
        return new BadInput(source(key) + ": " + shown + problem);
    }

    /** Bytes, or a number with k, m or g as in JVM flags (1024-based): "32k", "10m". */
    private long bytes(String key, String text) {
        String trimmed = text.trim();
        int shift = switch (trimmed.isEmpty() ? ' ' : Character.toLowerCase(trimmed.charAt(trimmed.length() - 1))) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        String digits = shift == 0 ? trimmed : trimmed.substring(0, trimmed.length() - 1);
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad(key, text, "is not a size (bytes, or a number with k, m or g: 32k)");
        }
        if (digits.length() > 18 || Long.parseLong(digits) > Long.MAX_VALUE >> shift) {
            throw bad(key, text, "is too large");
        }
        return Long.parseLong(digits) << shift;
    }

    private int positiveInt(String key, String text) {
        Decimal number = decimal(key, text);
        if (!number.isWhole()) {
            throw bad(key, text, "is not a whole number");
        }
        int value;
        try {
            value = Math.toIntExact(number.longValueExact());
        } catch (ArithmeticException e) {
            throw bad(key, text, "is too large");
        }
        if (value < 1) {
            throw bad(key, text, "must be at least 1");
        }
        return value;
    }

    private Decimal decimal(String key, String text) {
        Decimal number = optionalDecimal(key, text);
        if (number == null) {
            throw bad(key, text, "is not a number");
        }
        return number;
    }

    /** Null when the text is not a number at all. */
    private Decimal optionalDecimal(String key, String text) {
        try {
            return Decimal.parse(text.trim());
        } catch (ArithmeticException e) {
            throw bad(key, text, "has more than 18 significant digits");
        }
    }

    private static boolean isNumber(String text) {
        try {
            return Decimal.parse(text) != null;
        } catch (ArithmeticException e) {
            return true;
        }
    }

    /** The value as text; null when absent or null. Objects and lists are rejected. */
    private String text(String key) {
        ConfigValue value = server.get(key);
        if (value == null || value.valueType() == ConfigValueType.NULL) {
            return null;
        }
        if (value.valueType() == ConfigValueType.OBJECT || value.valueType() == ConfigValueType.LIST) {
            throw bad(key, null, "is " + (value.valueType() == ConfigValueType.OBJECT ? "an object" : "a list")
                + ", expected a single value");
        }
        return String.valueOf(value.unwrapped());
    }
}
