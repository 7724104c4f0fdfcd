package dev.undertowbase.launcher.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * One log line as one JSON object in Cloud Logging's shape (README, Structured logs), written by
 * Jackson's streaming generator: {@code time}, {@code severity}, {@code message}, {@code logger},
 * {@code thread}, then whatever the caller adds. Used by the JSON encoder of server and app lines
 * and by the access log's JSON lines; only LOG_FORMAT=json loads it (and Jackson).
 */
public final class JsonLine {

    /** The fields every line starts with; MDC keys of these names are left out rather than repeated. */
    static final Set<String> FIXED = Set.of("time", "severity", "message", "logger", "thread", "stack_trace",
        TraceKeys.CLOUD_TRACE, TraceKeys.CLOUD_SPAN_ID, "httpRequest");

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final DateTimeFormatter SECOND =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.").withZone(ZoneOffset.UTC);
    /** The formatted second of the last line: lines come many per second, and formatting a date is slow. */
    private static volatile Second last = new Second(Long.MIN_VALUE, "");

    private final StringWriter text = new StringWriter(256);
    private final JsonGenerator json;

    private JsonLine() {
        try {
            json = FACTORY.createGenerator(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A line with the fields every line has; {@code time} in RFC 3339, UTC, milliseconds. */
    public static JsonLine start(long epochMillis, String severity, String message, String logger, String thread) {
        JsonLine line = new JsonLine();
        try {
            line.json.writeStartObject();
            line.json.writeStringField("time", time(epochMillis));
            line.json.writeStringField("severity", severity);
            line.json.writeStringField("message", message);
            line.json.writeStringField("logger", logger);
            line.json.writeStringField("thread", thread);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line;
    }

    /** A string field; none when {@code value} is null. */
    public JsonLine string(String name, String value) {
        if (value != null) {
            try {
                json.writeStringField(name, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    public JsonLine number(String name, long value) {
        try {
            json.writeNumberField(name, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A number, boolean or (anything else) string field, from an SLF4J key-value pair. */
    JsonLine value(String name, Object value) {
        try {
            if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                json.writeNumberField(name, ((Number) value).longValue());
            } else if (value instanceof Double || value instanceof Float) {
                json.writeNumberField(name, ((Number) value).doubleValue());
            } else if (value instanceof Boolean bool) {
                json.writeBooleanField(name, bool);
            } else {
                json.writeStringField(name, String.valueOf(value));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonLine startObject(String name) {
        try {
            json.writeObjectFieldStart(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonLine endObject() {
        try {
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * The ids of a traced request: {@code trace_id} and {@code span_id} (either may be null), and
     * with a project {@code logging.googleapis.com/trace} and {@code logging.googleapis.com/spanId},
     * which Cloud Logging files the line under.
     */
    public JsonLine trace(String traceId, String spanId, String project) {
        string(TraceKeys.TRACE_ID, traceId);
        string(TraceKeys.SPAN_ID, spanId);
        return cloudTrace(traceId, spanId, project);
    }

    /** Only Cloud Logging's two fields: the ids themselves are written already (as MDC entries). */
    JsonLine cloudTrace(String traceId, String spanId, String project) {
        if (project != null && traceId != null) {
            string(TraceKeys.CLOUD_TRACE, "projects/" + project + "/traces/" + traceId);
            string(TraceKeys.CLOUD_SPAN_ID, spanId);
        }
        return this;
    }

    /** The object, closed, as one line without its line break (every line break inside is escaped). */
    public String finish() {
        try {
            json.writeEndObject();
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** "2026-01-31T12:00:00.000Z". */
    static String time(long epochMillis) {
        long epochSecond = Math.floorDiv(epochMillis, 1000);
        Second second = last;
        if (second.epochSecond != epochSecond) {
            second = new Second(epochSecond, SECOND.format(Instant.ofEpochSecond(epochSecond)));
            last = second;
        }
        int millis = (int) Math.floorMod(epochMillis, 1000);
        char[] fraction = {(char) ('0' + millis / 100), (char) ('0' + millis / 10 % 10), (char) ('0' + millis % 10), 'Z'};
        return second.prefix.concat(new String(fraction));
    }

    private record Second(long epochSecond, String prefix) {
    }
}
