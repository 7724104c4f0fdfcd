package dev.undertowbase.launcher.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * LOG_FORMAT=json for server and app lines (README, Structured logs): each event one JSON line
 * with {@code time}, {@code severity} in Cloud Logging's names, {@code message}, {@code logger},
 * {@code thread}, the MDC and SLF4J key-value pairs as fields of their own, the Cloud Logging
 * trace fields when the MDC holds a trace id, and an exception as {@code stack_trace}: inside the
 * object, so a stack trace stays one log entry.
 */
final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {

    /** An ERROR event with this marker is CRITICAL: logback has no level above ERROR. */
    static final String CRITICAL_MARKER = "CRITICAL";

    private final String project;

    private JsonLogEncoder(String project) {
        this.project = project;
    }

    /** Named as a factory returning the interface, so the class (and Jackson) loads only when called. */
    static Encoder<ILoggingEvent> create(String googleCloudProject) {
        return new JsonLogEncoder(googleCloudProject);
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        JsonLine line = JsonLine.start(event.getTimeStamp(), severity(event), event.getFormattedMessage(),
            event.getLoggerName(), event.getThreadName());
        Map<String, String> mdc = event.getMDCPropertyMap();
        String traceId = mdc.get(TraceKeys.TRACE_ID);
        String spanId = mdc.get(TraceKeys.SPAN_ID);
        // the ids first, as on every access line
        line.string(TraceKeys.TRACE_ID, traceId).string(TraceKeys.SPAN_ID, spanId);
        mdc.forEach((key, value) -> {
            if (!JsonLine.FIXED.contains(key) && !key.equals(TraceKeys.TRACE_ID) && !key.equals(TraceKeys.SPAN_ID)) {
                line.string(key, value);
            }
        });
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                if (pair.key != null && !JsonLine.FIXED.contains(pair.key) && !mdc.containsKey(pair.key)) {
                    line.value(pair.key, pair.value);
                }
            }
        }
        line.cloudTrace(traceId, spanId, project);
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.string("stack_trace", ThrowableProxyUtil.asString(thrown));
        }
        return line.finish().concat("\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    /** Cloud Logging's severity names for logback's levels. */
    static String severity(ILoggingEvent event) {
        Level level = event.getLevel();
        if (level.toInt() >= Level.ERROR_INT) {
            return critical(event.getMarkerList()) ? "CRITICAL" : "ERROR";
        }
        if (level.toInt() >= Level.WARN_INT) {
            return "WARNING";
        }
        if (level.toInt() >= Level.INFO_INT) {
            return "INFO";
        }
        return "DEBUG";
    }

    private static boolean critical(List<Marker> markers) {
        if (markers != null) {
            for (Marker marker : markers) {
                if (marker.getName().equals(CRITICAL_MARKER)) {
                    return true;
                }
            }
        }
        return false;
    }
}
