package dev.undertowbase.launcher.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * "2026-01-31T12:00:00.000Z INFO  [main] logger - message", then the MDC's entries as
 * " key=value" (the trace ids of a traced request) and the stack trace if any.
 * Written out instead of a PatternLayout: building a PatternLayout (pattern parser and converter
 * registry) is most of logback's start-up cost.
 */
final class LogLineEncoder extends EncoderBase<ILoggingEvent> {

    private static final List<String> TRACE_KEYS = List.of(TraceKeys.TRACE_ID, TraceKeys.SPAN_ID);
    private static final DateTimeFormatter TIME =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128);
        TIME.formatTo(Instant.ofEpochMilli(event.getTimeStamp()), line);
        String level = event.getLevel().toString();
        line.append(' ').append(level).append(" ".repeat(Math.max(0, 5 - level.length())))
            .append(" [").append(event.getThreadName()).append("] ")
            .append(event.getLoggerName()).append(" - ")
            .append(event.getFormattedMessage());
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (!mdc.isEmpty()) {
            appendMdc(line, mdc);
        }
        line.append(CoreConstants.LINE_SEPARATOR);
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.append(ThrowableProxyUtil.asString(thrown)).append(CoreConstants.LINE_SEPARATOR);
        }
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** " trace_id=… span_id=…" first, then the other entries by name: the same order on every line. */
    private static void appendMdc(StringBuilder line, Map<String, String> mdc) {
        int written = 0;
        for (String key : TRACE_KEYS) {
            String value = mdc.get(key);
            if (value != null) {
                line.append(' ').append(key).append('=').append(value);
                written++;
            }
        }
        if (mdc.size() > written) {
            new TreeMap<>(mdc).forEach((key, value) -> {
                if (!TRACE_KEYS.contains(key)) {
                    line.append(' ').append(key).append('=').append(value);
                }
            });
        }
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }
}
